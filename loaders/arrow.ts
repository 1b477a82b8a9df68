// A DuckDB query → Arrow IPC bytes, for the browser. DuckDB-Wasm cannot read Parquet offline and
// native DuckDB writes no Arrow file without an extension download, so the conversion is done
// here with apache-arrow from the query's typed columns.
import {DuckDBTypeId} from "@duckdb/node-api";
import {Bool, Dictionary, Field, Float64, Int8, Int16, Int32, List, type DataType, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, Table, type Vector} from "apache-arrow";
import {type StudyDatabase, ident, literal} from "./database.ts";

function arrowType(typeId: DuckDBTypeId, child?: DuckDBTypeId): DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.INTEGER: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.TINYINT: return new Int32();
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.DOUBLE: case DuckDBTypeId.FLOAT: return new Float64();
    case DuckDBTypeId.VARCHAR: return new Utf8();
    case DuckDBTypeId.LIST: return new List(new Field("item", arrowType(child!), true));
    default: throw new Error(`no Arrow type for DuckDB type ${DuckDBTypeId[typeId]}`);
  }
}

// Answers repeat: a text column (or a list of texts) is written as a dictionary, each distinct
// answer once and then one small index per row, which makes the file several times smaller;
// DuckDB-Wasm reads it as VARCHAR. The index is as wide as the number of distinct answers needs
// (a null counts as one, as apache-arrow's builder counts it).
// Each dictionary's id is its column's position: apache-arrow otherwise numbers dictionaries from a
// process-wide counter, so the bytes of a file depended on how many were made before it (studies
// compile side by side in one build), and two builds differed.
function dictionaryFor(distinct: number, id: number): Dictionary {
  return new Dictionary(new Utf8(), distinct <= 127 ? new Int8() : distinct <= 32_767 ? new Int16() : new Int32(), id);
}

// Buffers as apache-arrow's builders make them (zero-filled, rounded up to 64 bytes), so the
// bytes are the same as when the builders made the whole vector.
const padded = (Type: Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor, n: number): Int8Array | Int16Array | Int32Array =>
  new Type(Math.ceil((n * Type.BYTES_PER_ELEMENT) / 64) * (64 / Type.BYTES_PER_ELEMENT));
const IndexArray = {8: Int8Array, 16: Int16Array, 32: Int32Array} as const;
const SqlInt = {8: "TINYINT", 16: "SMALLINT", 32: "INTEGER"} as const;

/** A query's columns, read chunk by chunk (value by value, through the public API). */
async function readColumns(db: StudyDatabase, sql: string, read: (column: number, value: unknown, row: number) => void): Promise<number> {
  const result = await db.connection.run(sql);
  let row = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (let k = 0; k < chunk.columnCount; ++k) {
      const vector = chunk.getColumnVector(k);
      for (let r = 0; r < chunk.rowCount; ++r) read(k, vector.getItem(r), row + r);
    }
    row += chunk.rowCount;
  }
  return row;
}

// DuckDB finds each text column's distinct answers, in the order of their first row (the order
// apache-arrow's dictionary builder gives them), and each row's index into them; JavaScript reads
// only the indices, into typed arrays, and the distinct answers once. (Building the dictionaries
// from every row's string took about a minute for a million rows.)
export async function toArrow(db: StudyDatabase, query: string): Promise<Uint8Array> {
  const c = db.connection;
  await c.run(`CREATE TEMP TABLE _arrow AS ${query}`);
  try {
    const described = await c.runAndReadAll("SELECT * FROM _arrow LIMIT 0");
    const names = described.columnNames();
    const types = described.columnTypes();
    const child = (i: number) => ("valueType" in types[i] ? (types[i] as unknown as {valueType: {typeId: DuckDBTypeId}}).valueType.typeId : undefined);
    const kinds = names.map((_, i) => {
      const type = arrowType(types[i].typeId, child(i));
      return type instanceof Utf8 ? "text" : type instanceof List && type.valueType instanceof Utf8 ? "texts" : "plain";
    });
    const n = Number((await c.runAndReadAll("SELECT count(*) AS n FROM _arrow")).getRowObjectsJS()[0].n);
    const vectors: Record<string, Vector> = {};
    const plain: number[] = [];
    for (const [i, name] of names.entries()) {
      const x = ident(name);
      if (kinds[i] === "plain") {
        plain.push(i);
        continue;
      }
      // First appearance: the first row, and for a list the first position in it.
      const items = kinds[i] === "text"
        ? `SELECT ${x} AS v, rowid AS r, 0 AS k FROM _arrow`
        : `SELECT unnest(${x}) AS v, rowid AS r, generate_subscripts(${x}, 1) AS k FROM _arrow`;
      const found = (await c.runAndReadAll(`SELECT list(v ORDER BY first) FILTER (v IS NOT NULL) AS values, bool_or(v IS NULL) AS nulls
        FROM (SELECT v, min({r: r, k: k}) AS first FROM (${items}) GROUP BY v)`)).getRowObjectsJS()[0];
      const words = (found.values as string[] | null) ?? [];
      const type = dictionaryFor(words.length + (found.nulls ? 1 : 0), i);
      const dictionary = vectorFromArray(words, new Utf8());
      const e = `_arrow_enum${i}`;
      await c.run(`CREATE TYPE ${e} AS ENUM (${words.map(literal).join(", ")})`);
      const code = (v: string) => `CAST(enum_code(CAST(${v} AS ${e})) AS ${SqlInt[type.indices.bitWidth]})`;
      // Indices of the values (0 where there is none, with a validity bitmap if any is null).
      const indices = async (sql: string, length: number) => {
        const data = padded(IndexArray[type.indices.bitWidth], length);
        const valid = new Uint8Array(Math.ceil(Math.ceil(length / 8) / 64) * 64);
        let nulls = 0;
        await readColumns(db, sql, (_, v, r) => {
          if (v === null) ++nulls;
          else (data[r] = v as number), (valid[r >> 3] |= 1 << (r & 7));
        });
        return makeData({type, length, nullCount: nulls, nullBitmap: nulls ? valid : undefined, data, dictionary});
      };
      try {
        if (kinds[i] === "text") {
          vectors[name] = makeVector(await indices(`SELECT ${code(x)} FROM _arrow ORDER BY rowid`, n));
        } else {
          // A list: its items' indices in row order, and each row's number of items.
          const offsets = new Int32Array(Math.ceil(((n + 1) * 4) / 64) * 16);
          const valid = new Uint8Array(Math.ceil(Math.ceil(n / 8) / 64) * 64);
          let nulls = 0;
          await readColumns(db, `SELECT len(${x}) FROM _arrow ORDER BY rowid`, (_, v, r) => {
            if (v === null) ++nulls;
            else valid[r >> 3] |= 1 << (r & 7);
            offsets[r + 1] = offsets[r] + Number(v ?? 0);
          });
          const item = await indices(`SELECT ${code("v")} FROM (SELECT unnest(${x}) AS v FROM (SELECT ${x} FROM _arrow ORDER BY rowid))`, offsets[n]);
          vectors[name] = makeVector(makeData({type: new List(new Field("item", type, true)), length: n, nullCount: nulls, nullBitmap: nulls ? valid : undefined, valueOffsets: offsets, child: item}));
        }
      } finally {
        await c.run(`DROP TYPE ${e}`);
      }
    }
    // The other columns through apache-arrow's builders.
    const values = plain.map(() => new Array<unknown>(n));
    if (plain.length) await readColumns(db, `SELECT ${plain.map((i) => ident(names[i])).join(", ")} FROM _arrow ORDER BY rowid`, (k, v, r) => (values[k][r] = typeof v === "bigint" ? Number(v) : v));
    plain.forEach((i, k) => (vectors[names[i]] = vectorFromArray(values[k], arrowType(types[i].typeId, child(i)))));
    const ordered = Object.fromEntries(names.map((name) => [name, vectors[name]]));
    // The IPC *stream* format: Framework's FileAttachment.arrow() reads the response as a stream and
    // stops at the end-of-stream marker. In the file format a footer follows that marker, so the
    // browser would cancel the download before the footer arrives (net::ERR_ABORTED under load).
    return tableToIPC(new Table(ordered), "stream");
  } finally {
    await c.run("DROP TABLE _arrow");
  }
}
