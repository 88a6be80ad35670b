/** Where the shared corpus of real dbt artifacts is, and its JSON files. */
import { readdir } from "node:fs/promises";
import path from "node:path";

/** The shared corpus of real dbt artifacts, beside the repository. */
export const corpusDir = path.resolve(__dirname, "..", "..", "..", "..", "shared", "corpus");

/** Every `.json` file under the corpus's dbt and pairs folders, sorted. */
export async function corpusJsonFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const top of ["dbt", "pairs"]) await collect(path.join(corpusDir, top), files);
  return files.sort();
}

async function collect(dir: string, files: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await collect(full, files);
    else if (entry.name.endsWith(".json")) files.push(full);
  }
}
