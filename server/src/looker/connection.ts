/**
 * Where Looker is: the base URL from the setting, else `LOOKERSDK_BASE_URL`, else the
 * `base_url` of `looker.ini`; for the CLI also the API key from `LOOKERSDK_CLIENT_ID` /
 * `LOOKERSDK_CLIENT_SECRET` or the same `looker.ini`. The editor passes its key from
 * SecretStorage instead.
 */
import * as path from "node:path";
import { UsageFault } from "./faults";
import type { LookerSettings } from "./settings";
import type { Credentials } from "./transport";
import type { ConnectionConfig } from "./lookerClient";

/** Reads a file's text, or undefined when it does not exist. */
export type ReadText = (file: string) => string | undefined;

/** What the connection is resolved from. */
export interface ConnectionContext {
  env: NodeJS.ProcessEnv;
  /** The LookML project folder: `looker.ini` and relative paths are looked up there. */
  projectDir: string;
  readText: ReadText;
  /** The command line: messages name its flags instead of the editor's settings. */
  commandLine?: boolean;
}

/** The connection, and the key when the environment or `looker.ini` hold one. */
export interface ResolvedConnection {
  config: ConnectionConfig;
  credentials?: Credentials;
  /** Where the base URL came from, for the log. */
  from: string;
}

/** Resolves the connection; throws a `UsageFault` naming what is missing or wrong. */
export function resolveConnection(
  settings: LookerSettings,
  ctx: ConnectionContext,
): ResolvedConnection {
  const iniPath = path.resolve(
    ctx.projectDir,
    settings.iniFile === "" ? "looker.ini" : settings.iniFile,
  );
  const ini = readIni(iniPath, settings.iniSection, ctx.readText);
  const env = (name: string): string => (ctx.env[`LOOKERSDK_${name}`] ?? "").trim();

  const [raw, from] = pickBaseUrl(
    settings.baseUrl,
    env("BASE_URL"),
    ini.values["base_url"] ?? "",
    iniPath,
    ctx.commandLine === true,
  );
  const config: ConnectionConfig = {
    baseUrl: checkBaseUrl(raw),
    timeoutSeconds: settings.timeoutSeconds,
    maxRetries: settings.maxRetries,
  };
  if (settings.caFile !== "")
    config.ca = readCa(path.resolve(ctx.projectDir, settings.caFile), ctx.readText);

  const result: ResolvedConnection = { config, from };
  const clientId = env("CLIENT_ID") || (ini.values["client_id"] ?? "");
  const clientSecret = env("CLIENT_SECRET") || (ini.values["client_secret"] ?? "");
  if (clientId !== "" && clientSecret !== "") result.credentials = { clientId, clientSecret };
  return result;
}

function pickBaseUrl(
  setting: string,
  env: string,
  ini: string,
  iniPath: string,
  commandLine: boolean,
): [string, string] {
  if (setting !== "") {
    return [setting, commandLine ? "--base-url" : "the setting analyticsOps.looker.baseUrl"];
  }
  if (env !== "") return [env, "LOOKERSDK_BASE_URL"];
  if (ini !== "") return [ini, iniPath];
  throw new UsageFault("not-configured", noBaseUrl(iniPath, commandLine));
}

function noBaseUrl(iniPath: string, commandLine: boolean): string {
  if (commandLine) {
    return (
      "No Looker base URL: pass --base-url URL, set LOOKERSDK_BASE_URL or base_url in " +
      `${iniPath} (another file with --ini FILE), or read a snapshot with --snapshot FILE.`
    );
  }
  return (
    "No Looker base URL: set analyticsOps.looker.baseUrl, LOOKERSDK_BASE_URL or base_url in " +
    `${iniPath}, or use a snapshot file (analyticsOps.usage.snapshotFile).`
  );
}

/**
 * Normalises and checks a base URL: `https://` (plain `http://` only to this machine, where
 * nothing crosses a network), without a trailing `/` or `/api/4.0`.
 */
export function checkBaseUrl(raw: string): string {
  const trimmed = raw
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api\/\d+\.\d+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UsageFault("not-configured", `The Looker base URL "${trimmed}" is not a URL.`);
  }
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new UsageFault(
      "insecure-url",
      `The Looker base URL ${trimmed} must start with https:// ` +
        "so the API key is never sent in clear.",
    );
  }
  return trimmed;
}

function readCa(file: string, readText: ReadText): string {
  const text = readText(file);
  if (text === undefined || !text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new UsageFault(
      "tls",
      `The certificate authority file ${file} is missing or holds no PEM certificate.`,
    );
  }
  return text;
}

/** One section of an INI file. */
export interface IniSection {
  name: string;
  values: Record<string, string>;
}

/** Reads `section` (or the first) of the INI file at `file`; empty when the file is absent. */
export function readIni(file: string, section: string, readText: ReadText): IniSection {
  const text = readText(file);
  if (text === undefined) return { name: "", values: {} };
  const sections = parseIni(text);
  const found = section === "" ? sections[0] : sections.find((s) => s.name === section);
  if (found === undefined && section !== "") {
    throw new UsageFault("not-configured", `${file} has no section [${section}].`);
  }
  return found ?? { name: "", values: {} };
}

/** Parses INI text: `[section]` lines, `key = value` or `key: value`, `#`/`;` comments. */
export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      current = { name: (header[1] ?? "").trim(), values: {} };
      sections.push(current);
      continue;
    }
    const pair = /^([^=:]+)[=:](.*)$/.exec(line);
    if (pair === null || current === undefined) continue;
    current.values[(pair[1] ?? "").trim().toLowerCase()] = unquote((pair[2] ?? "").trim());
  }
  return sections;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted === null ? value : (quoted[2] ?? "");
}
