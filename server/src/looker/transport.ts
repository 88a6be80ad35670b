/**
 * The SDK's Node transport with what it lacks: a timeout it really enforces (its own
 * `timeout` setting never reaches `fetch`), an optional extra certificate authority, TLS
 * checks that can never be switched off, and a record of each HTTP answer's status so
 * failures can be named.
 */
import * as tls from "node:tls";
import type {
  Authenticator,
  HttpMethod,
  IApiSection,
  IRawResponse,
  IRequestProps,
  ITransportSettings,
} from "@looker/sdk-rtl";
import { ApiSettings } from "@looker/sdk-rtl";
import { NodeTransport } from "@looker/sdk-node";
import { Agent } from "undici";

/** Client id and secret of a Looker API key; held in memory only. */
export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** What the last HTTP exchange answered, for naming a failure. */
export interface LastAnswer {
  statusCode: number | undefined;
  contentType: string;
  retryAfter: string | undefined;
  /** The network error when no HTTP answer came. */
  error: unknown;
}

/** SDK settings that hand the SDK its credentials from memory rather than a file. */
export class MemorySettings extends ApiSettings {
  constructor(
    baseUrl: string,
    timeoutSeconds: number,
    private readonly credentials: Credentials,
  ) {
    // verify_ssl stays true: the SDK would otherwise turn TLS checks off for the whole process.
    super({
      base_url: baseUrl,
      verify_ssl: true,
      timeout: timeoutSeconds,
      agentTag: "analytics-ops",
    });
  }

  override readConfig(): IApiSection {
    return { client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret };
  }
}

/** Options of the guarded transport. */
export interface TransportOptions {
  timeoutMs: number;
  /** PEM text of extra certificate authorities, trusted besides the system's. */
  ca?: string;
  /** Cancels every request in flight. */
  signal?: AbortSignal;
}

/** The SDK's transport with an enforced timeout, an optional CA and a record of answers. */
export class GuardedTransport extends NodeTransport {
  last: LastAnswer | undefined;
  private readonly dispatcher: Agent | undefined;

  constructor(
    settings: ITransportSettings,
    private readonly guard: TransportOptions,
  ) {
    super(settings);
    this.dispatcher =
      guard.ca === undefined
        ? undefined
        : new Agent({ connect: { ca: [...tls.rootCertificates, guard.ca] } });
    this.observer = (raw: IRawResponse) => {
      this.last = describe(raw);
      return raw;
    };
  }

  protected override async initRequest(
    method: HttpMethod,
    path: string,
    body?: unknown,
    authenticator?: Authenticator,
    options?: Partial<ITransportSettings>,
  ): Promise<IRequestProps> {
    // The SDK builds a timeout signal but never hands it to fetch (and, without a signal
    // in the options, prints a debug line per request); this one reaches fetch.
    const signal = this.requestSignal();
    const props = await super.initRequest(method, path, body, authenticator, {
      ...options,
      verify_ssl: true,
      signal,
    });
    props["signal"] = signal;
    if (this.dispatcher !== undefined) props["dispatcher"] = this.dispatcher;
    return props;
  }

  /** Closes the connection pool of the extra CA, if any. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private requestSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.guard.timeoutMs);
    const cancel = this.guard.signal;
    if (cancel === undefined) return timeout;
    return anySignal([timeout, cancel]);
  }
}

// AbortSignal.any arrived in Node 20.3; the editor's Node may be older.
function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener(
      "abort",
      () => {
        controller.abort(signal.reason);
      },
      { once: true },
    );
  }
  return controller.signal;
}

function describe(raw: IRawResponse): LastAnswer {
  const headers = raw.headers as Record<string, string | undefined> | undefined;
  // On a network error the SDK leaves the status undefined (its type says otherwise).
  const status = raw.statusCode as number | undefined;
  const networkError: unknown = status === undefined ? raw.body : undefined;
  return {
    statusCode: status,
    contentType: raw.contentType,
    retryAfter: headers?.["retry-after"],
    error: networkError,
  };
}
