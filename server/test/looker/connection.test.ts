import * as assert from "node:assert/strict";
import * as path from "node:path";
import { checkBaseUrl, resolveConnection } from "../../src/looker/connection";
import { UsageFault } from "../../src/looker/faults";
import { DEFAULT_LOOKER_SETTINGS } from "../../src/looker/settings";

const DIR = path.resolve("/project");
const INI = `[Looker]
base_url=https://ini.looker.example:19999
client_id=ini-id
client_secret="ini-secret"
verify_ssl=False

[Other]
base_url=https://other.looker.example
`;

function files(map: Record<string, string>): (file: string) => string | undefined {
  return (file) => map[file];
}

function faultKind(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    assert.ok(error instanceof UsageFault);
    return error.kind;
  }
  return "none";
}

describe("Looker connection settings", () => {
  const withIni = files({ [path.join(DIR, "looker.ini")]: INI });

  it("takes the base URL from the setting, then the environment, then looker.ini", () => {
    const env = { LOOKERSDK_BASE_URL: "https://env.looker.example/" };
    const fromSetting = resolveConnection(
      { ...DEFAULT_LOOKER_SETTINGS, baseUrl: "https://set.looker.example" },
      { env, projectDir: DIR, readText: withIni },
    );
    assert.equal(fromSetting.config.baseUrl, "https://set.looker.example");
    assert.equal(
      resolveConnection(DEFAULT_LOOKER_SETTINGS, { env, projectDir: DIR, readText: withIni }).config
        .baseUrl,
      "https://env.looker.example",
    );
    const fromIni = resolveConnection(DEFAULT_LOOKER_SETTINGS, {
      env: {},
      projectDir: DIR,
      readText: withIni,
    });
    assert.equal(fromIni.config.baseUrl, "https://ini.looker.example:19999");
    assert.deepEqual(fromIni.credentials, { clientId: "ini-id", clientSecret: "ini-secret" });
  });

  it("reads another section, and the environment's key over looker.ini's", () => {
    const env = { LOOKERSDK_CLIENT_ID: "env-id", LOOKERSDK_CLIENT_SECRET: "env-secret" };
    const result = resolveConnection(
      { ...DEFAULT_LOOKER_SETTINGS, iniSection: "Other" },
      { env, projectDir: DIR, readText: withIni },
    );
    assert.equal(result.config.baseUrl, "https://other.looker.example");
    assert.deepEqual(result.credentials, { clientId: "env-id", clientSecret: "env-secret" });
    assert.equal(
      faultKind(() =>
        resolveConnection(
          { ...DEFAULT_LOOKER_SETTINGS, iniSection: "Nope" },
          { env, projectDir: DIR, readText: withIni },
        ),
      ),
      "not-configured",
    );
  });

  it("names a missing base URL", () => {
    assert.equal(
      faultKind(() =>
        resolveConnection(DEFAULT_LOOKER_SETTINGS, {
          env: {},
          projectDir: DIR,
          readText: files({}),
        }),
      ),
      "not-configured",
    );
  });

  it("strips /api/4.0 and refuses plain http beyond this machine", () => {
    assert.equal(checkBaseUrl("https://x.cloud.looker.com/api/4.0/"), "https://x.cloud.looker.com");
    assert.equal(checkBaseUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    assert.equal(
      faultKind(() => checkBaseUrl("http://x.cloud.looker.com")),
      "insecure-url",
    );
    assert.equal(
      faultKind(() => checkBaseUrl("not a url")),
      "not-configured",
    );
  });

  it("reads a custom certificate authority, and names a missing one", () => {
    const ca = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    const readText = files({ [path.join(DIR, "ca.pem")]: ca });
    const settings = { ...DEFAULT_LOOKER_SETTINGS, baseUrl: "https://x.example", caFile: "ca.pem" };
    assert.equal(resolveConnection(settings, { env: {}, projectDir: DIR, readText }).config.ca, ca);
    assert.equal(
      faultKind(() =>
        resolveConnection(
          { ...settings, caFile: "gone.pem" },
          { env: {}, projectDir: DIR, readText },
        ),
      ),
      "tls",
    );
  });
});
