/**
 * CSV records as Teaclave's ordered-set join reads and writes them (the Rust `csv` crate with
 * `has_headers(false)` and its default writer): RFC 4180 fields separated by `,`, optional double
 * quotes with `""` as an escaped quote, records ended by `\n` or `\r\n`, blank lines skipped;
 * written with `\n` and quotes only where a field needs them (a `,`, `"`, `\r` or `\n` inside,
 * or a record made of one empty field).
 */

/** Parses `text` into records; `undefined` on an unterminated quote. */
export function parseCsv(text: string): string[][] | undefined {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let started = false;
  const endField = () => {
    record.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    if (started) {
      endField();
      records.push(record);
    }
    record = [];
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '' && !quoted) {
      inQuotes = true;
      quoted = true;
      started = true;
    } else if (ch === ',') {
      started = true;
      endField();
    } else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRecord();
    } else {
      field += ch;
      started = true;
    }
  }
  if (inQuotes) return undefined;
  endRecord();
  return records;
}

function quote(field: string, alone: boolean): string {
  if (/[",\r\n]/u.test(field) || (alone && field === '')) return `"${field.replaceAll('"', '""')}"`;
  return field;
}

/** Formats one record with its `\n` terminator. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((f) => quote(f, fields.length === 1)).join(',') + '\n';
}

/** Compares two strings by Unicode code points (Rust's `str` order), not UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
