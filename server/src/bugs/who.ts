/**
 * Who is filing or closing a bug: the git identity of the repository (`user.name` and
 * `user.email`), as in the commit that will carry the ledger line; the login name otherwise.
 */
import { execFile } from "node:child_process";
import * as os from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

/** "Ada Lovelace <ada@example.com>", "Ada Lovelace", or the OS login name. */
export async function currentUser(cwd: string): Promise<string> {
  const [name, email] = await Promise.all([
    gitConfig(cwd, "user.name"),
    gitConfig(cwd, "user.email"),
  ]);
  if (name !== undefined && email !== undefined) return `${name} <${email}>`;
  const known = name ?? email;
  if (known !== undefined) return known;
  return loginName();
}

async function gitConfig(cwd: string, key: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["config", "--get", key], { cwd, timeout: 5000 });
    const value = stdout.trim();
    return value === "" ? undefined : value;
  } catch {
    // No git, not a repository, or the key is unset: fall back to the next source.
    return undefined;
  }
}

function loginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Containers without a passwd entry for the user.
    return process.env["USER"] ?? process.env["USERNAME"] ?? "unknown";
  }
}
