/**
 * The workspace index reads files only through `FileSystem`, so tests can hand it files in
 * memory and the language server can lay open (unsaved) documents over the disk.
 *
 * Paths are absolute file-system paths. Reads are synchronous: the index reads each file once
 * and then works from its cache, and a synchronous interface keeps the incremental update a
 * plain function.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** One entry of a folder listing. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** Size and modification time of a file. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** What the index needs from a file system. Missing files give `undefined` or `[]`. */
export interface FileSystem {
  readFile(filePath: string): string | undefined;
  readDirectory(dirPath: string): DirEntry[];
  stat(filePath: string): FileStat | undefined;
}

/** The real disk. Unreadable files and folders count as missing. */
export const nodeFileSystem: FileSystem = {
  readFile(filePath) {
    try {
      return fs.readFileSync(filePath, "utf8");
    } catch {
      return undefined;
    }
  },

  readDirectory(dirPath) {
    try {
      const entries = fs.readdirSync(dirPath, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: isDirectoryEntry(dirPath, e) }));
    } catch {
      return [];
    }
  },

  stat(filePath) {
    try {
      const s = fs.statSync(filePath);
      return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  },
};

// Symbolic links to folders are followed like folders; a dangling link counts as a file.
function isDirectoryEntry(dirPath: string, entry: fs.Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(path.join(dirPath, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/** Files held in memory, keyed by absolute path; folders are implied by the paths. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, { text: string; mtimeMs: number }>();
  private clock = 0;

  constructor(files: Record<string, string> = {}) {
    for (const [filePath, text] of Object.entries(files)) this.write(filePath, text);
  }

  /** Creates or replaces a file. */
  write(filePath: string, text: string): void {
    this.clock += 1;
    this.files.set(path.resolve(filePath), { text, mtimeMs: this.clock });
  }

  /** Removes a file; does nothing when it is missing. */
  delete(filePath: string): void {
    this.files.delete(path.resolve(filePath));
  }

  /** Every file path held, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  readFile(filePath: string): string | undefined {
    return this.files.get(path.resolve(filePath))?.text;
  }

  readDirectory(dirPath: string): DirEntry[] {
    const prefix = withTrailingSep(path.resolve(dirPath));
    const entries = new Map<string, boolean>();
    for (const filePath of this.files.keys()) {
      if (!filePath.startsWith(prefix)) continue;
      const rest = filePath.slice(prefix.length);
      const sep = rest.indexOf(path.sep);
      if (sep === -1) entries.set(rest, false);
      else entries.set(rest.slice(0, sep), true);
    }
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  stat(filePath: string): FileStat | undefined {
    const file = this.files.get(path.resolve(filePath));
    if (file === undefined) return undefined;
    return { size: Buffer.byteLength(file.text, "utf8"), mtimeMs: file.mtimeMs };
  }
}

/**
 * Open editor documents laid over another file system: an open document's text wins over
 * the disk, and a new unsaved document shows up in its folder's listing.
 */
export class OverlayFileSystem implements FileSystem {
  private readonly open = new Map<string, string>();

  constructor(private readonly base: FileSystem) {}

  /** Records the editor's text of an open document. */
  setOpen(filePath: string, text: string): void {
    this.open.set(path.resolve(filePath), text);
  }

  /** Forgets an open document; the disk's version counts again. */
  close(filePath: string): void {
    this.open.delete(path.resolve(filePath));
  }

  /** Whether the editor holds this file open. */
  isOpen(filePath: string): boolean {
    return this.open.has(path.resolve(filePath));
  }

  readFile(filePath: string): string | undefined {
    return this.open.get(path.resolve(filePath)) ?? this.base.readFile(filePath);
  }

  readDirectory(dirPath: string): DirEntry[] {
    const listed = this.base.readDirectory(dirPath);
    const names = new Set(listed.map((e) => e.name));
    const dir = path.resolve(dirPath);
    for (const filePath of this.open.keys()) {
      const name = path.basename(filePath);
      if (path.dirname(filePath) === dir && !names.has(name)) {
        listed.push({ name, isDirectory: false });
      }
    }
    return listed;
  }

  stat(filePath: string): FileStat | undefined {
    const text = this.open.get(path.resolve(filePath));
    if (text === undefined) return this.base.stat(filePath);
    return { size: Buffer.byteLength(text, "utf8"), mtimeMs: 0 };
  }
}

function withTrailingSep(dirPath: string): string {
  return dirPath.endsWith(path.sep) ? dirPath : dirPath + path.sep;
}
