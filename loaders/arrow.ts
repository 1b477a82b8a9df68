// A DuckDB query → Arrow IPC bytes, for the browser. DuckDB-Wasm cannot read Parquet offline and
// native DuckDB writes no Arrow file without an extension download, so the conversion is done
// here with apache-arrow from the query's typed columns.
import {DuckDBTypeId} from "@duckdb/node-api";
import {Bool, Dictionary, Field, Float64, Int8, Int16, Int32, List, type DataType, Utf8, tableToIPC, vectorFromArray, Table} from "apache-arrow";
import type {StudyDatabase} from "./database.ts";

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
// DuckDB-Wasm reads it as VARCHAR. The index is as wide as the number of distinct answers needs.
function dictionaryFor(values: unknown[]): Dictionary {
  const distinct = new Set(values).size;
  return new Dictionary(new Utf8(), distinct <= 127 ? new Int8() : distinct <= 32_767 ? new Int16() : new Int32());
}

export async function toArrow(db: StudyDatabase, query: string): Promise<Uint8Array> {
  const reader = await db.connection.runAndReadAll(query);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumnsJS();
  const vectors = Object.fromEntries(
    names.map((name, i) => {
      const t = types[i];
      const type = arrowType(t.typeId, "valueType" in t ? (t as {valueType: {typeId: DuckDBTypeId}}).valueType.typeId : undefined);
      const values = columns[i].map((v) => (typeof v === "bigint" ? Number(v) : v));
      if (type instanceof Utf8) return [name, vectorFromArray(values, dictionaryFor(values))];
      if (type instanceof List && type.valueType instanceof Utf8) {
        const items = values.flatMap((v) => (Array.isArray(v) ? v : []));
        return [name, vectorFromArray(values, new List(new Field("item", dictionaryFor(items), true)))];
      }
      return [name, vectorFromArray(values, type)];
    })
  );
  // The IPC *stream* format: Framework's FileAttachment.arrow() reads the response as a stream and
  // stops at the end-of-stream marker. In the file format a footer follows that marker, so the
  // browser would cancel the download before the footer arrives (net::ERR_ABORTED under load).
  return tableToIPC(new Table(vectors), "stream");
}
