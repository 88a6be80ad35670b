/**
 * Why a refresh failed, as a small union the status bar and the CLI turn into words. Every
 * message names the cause and never holds a secret.
 */

/** The causes a refresh can fail for. */
export type FaultKind =
  | "not-configured"
  | "insecure-url"
  | "signed-out"
  | "bad-credentials"
  | "token-rejected"
  | "forbidden"
  | "model-missing"
  | "rate-limited"
  | "server-error"
  | "html-response"
  | "timeout"
  | "tls"
  | "unreachable"
  | "bad-response"
  | "query-rejected"
  | "snapshot";

/** A failed refresh; `message` is meant for the user as it stands. */
export class UsageFault extends Error {
  override readonly name = "UsageFault";

  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

/** Wire form of a fault. */
export interface FaultInfo {
  kind: FaultKind;
  message: string;
}

/** Turns anything thrown during a refresh into a fault, without leaking `secrets`. */
export function toFault(error: unknown, secrets: readonly string[]): FaultInfo {
  if (error instanceof UsageFault)
    return { kind: error.kind, message: redact(error.message, secrets) };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: "bad-response", message: redact(`Unexpected failure: ${text}`, secrets) };
}

/** Replaces every secret, and anything shaped like a bearer token, with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/(Bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 ***");
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("***");
  }
  return result;
}

/** TLS failure codes of Node's TLS layer, worded for the user. */
const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate is not signed by a trusted authority",
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate chain holds an untrusted self-signed certificate",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the certificate is self-signed",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted",
  CERT_HAS_EXPIRED: "the certificate has expired",
  CERT_NOT_YET_VALID: "the certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "the certificate does not name this host",
  ERR_SSL_WRONG_VERSION_NUMBER: "the server does not speak TLS on this port",
};

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);

/** Classifies a network-level failure (no HTTP answer) from the error and its causes. */
export function networkFault(error: unknown, baseUrl: string, timeoutSeconds: number): UsageFault {
  const codes = errorCodes(error);
  if (
    codes.some((c) => c === "TimeoutError" || c === "AbortError" || c === "UND_ERR_HEADERS_TIMEOUT")
  ) {
    return new UsageFault(
      "timeout",
      `Looker at ${baseUrl} did not answer within ${timeoutSeconds} s.`,
    );
  }
  const tls = codes.find((c) => Object.hasOwn(TLS_CODES, c));
  if (tls !== undefined) {
    return new UsageFault(
      "tls",
      `TLS check failed for ${baseUrl}: ${TLS_CODES[tls] ?? tls} (${tls}). ` +
        `Set analyticsOps.looker.caFile to your certificate authority; checks stay on.`,
    );
  }
  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  const why = unreachable ?? codes.at(-1) ?? "no answer";
  return new UsageFault("unreachable", `Looker at ${baseUrl} could not be reached (${why}).`);
}

// Node's fetch wraps the socket error as `cause`; collect codes and names down the chain.
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const record = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof record.name === "string") codes.push(record.name);
    if (typeof record.code === "string") codes.push(record.code);
    current = record.cause;
  }
  return codes;
}
