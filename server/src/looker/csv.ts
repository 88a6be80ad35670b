/** A small RFC 4180 CSV reader for System Activity exports: quoted fields, `""`, CRLF, BOM. */

/** The records of `text`; a quote left open reports the line it started on. */
export function parseCsv(text: string): { rows: string[][]; error?: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;

  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === "\n") line++;
    if (quoted) {
      if (c === '"' && body.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body.charAt(i + 1) === "\n") continue;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) return { rows, error: `a quoted field opened on line ${quoteLine} is never closed` };
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return { rows: rows.filter((r) => r.some((cell) => cell.trim() !== "")) };
}
