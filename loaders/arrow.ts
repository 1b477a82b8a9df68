// A DuckDB query → Arrow IPC bytes, for the browser. DuckDB-Wasm cannot read Parquet offline and
// native DuckDB writes no Arrow file without an extension download, so the conversion is done
// here with apache-arrow from the query's typed columns.
import {DuckDBTypeId} from "@duckdb/node-api";
import {Bool, Dictionary, Field, Float64, Int8, Int16, Int32, List, type DataType, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, Table} from "apache-arrow";
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
function dictionaryFor(distinct: number): Dictionary {
  return new Dictionary(new Utf8(), distinct <= 127 ? new Int8() : distinct <= 32_767 ? new Int16() : new Int32());
}

// DuckDB finds each text column's distinct answers, in the order of their first row (the order
// apache-arrow's dictionary builder gives them), and each row's index into them; JavaScript reads
// only the indices, as numbers, and the distinct answers once. (Building the dictionaries from
// every row's string took about a minute for a million rows.)
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
    const dictionaries: {values: string[]; nulls: boolean}[] = [];
    const selected: string[] = [];
    for (const [i, name] of names.entries()) {
      const x = ident(name);
      if (kinds[i] === "plain") {
        selected.push(x);
        continue;
      }
      // First appearance: the first row, and for a list the first position in it.
      const items = kinds[i] === "text"
        ? `SELECT ${x} AS v, rowid AS r, 0 AS k FROM _arrow`
        : `SELECT unnest(${x}) AS v, rowid AS r, generate_subscripts(${x}, 1) AS k FROM _arrow`;
      const found = (await c.runAndReadAll(`SELECT list(v ORDER BY first) FILTER (v IS NOT NULL) AS values, bool_or(v IS NULL) AS nulls
        FROM (SELECT v, min({r: r, k: k}) AS first FROM (${items}) GROUP BY v)`)).getRowObjectsJS()[0];
      dictionaries[i] = {values: (found.values as string[] | null) ?? [], nulls: Boolean(found.nulls)};
      const e = `_arrow_enum${i}`;
      await c.run(`CREATE TYPE ${e} AS ENUM (${dictionaries[i].values.map(literal).join(", ")})`);
      selected.push(kinds[i] === "text" ? `enum_code(CAST(${x} AS ${e}))` : `list_transform(${x}, lambda v: enum_code(CAST(v AS ${e})))`);
    }
    const columns = (await c.runAndReadAll(`SELECT ${selected.join(", ")} FROM _arrow ORDER BY rowid`)).getColumnsJS();
    for (const i of names.keys()) if (kinds[i] !== "plain") await c.run(`DROP TYPE _arrow_enum${i}`);
    const vectors = Object.fromEntries(
      names.map((name, i) => {
        const values = columns[i].map((v) => (typeof v === "bigint" ? Number(v) : v));
        if (kinds[i] === "plain") return [name, vectorFromArray(values, arrowType(types[i].typeId, child(i)))];
        const {values: words, nulls} = dictionaries[i];
        const type = dictionaryFor(words.length + (nulls ? 1 : 0));
        const dictionary = vectorFromArray(words, new Utf8());
        if (kinds[i] === "text") {
          const indices = vectorFromArray(values as (number | null)[], type.indices).data[0];
          return [name, makeVector(makeData({type, length: indices.length, nullCount: indices.nullCount, nullBitmap: indices.nullBitmap, data: indices.values, dictionary}))];
        }
        const list = vectorFromArray(values as (number[] | null)[], new List(new Field("item", type.indices, true))).data[0];
        const codes = list.children[0];
        const item = makeData({type, length: codes.length, nullCount: codes.nullCount, nullBitmap: codes.nullBitmap, data: codes.values, dictionary});
        return [name, makeVector(makeData({type: new List(new Field("item", type, true)), length: list.length, nullCount: list.nullCount, nullBitmap: list.nullBitmap, valueOffsets: list.valueOffsets, child: item}))];
      })
    );
    // The IPC *stream* format: Framework's FileAttachment.arrow() reads the response as a stream and
    // stops at the end-of-stream marker. In the file format a footer follows that marker, so the
    // browser would cancel the download before the footer arrives (net::ERR_ABORTED under load).
    return tableToIPC(new Table(vectors), "stream");
  } finally {
    await c.run("DROP TABLE _arrow");
  }
}
