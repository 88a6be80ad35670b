import * as vscode from "vscode";
import type { UsageCredentials } from "../../../common/src/usage";

// One Looker API key per user, kept by VS Code's SecretStorage (the OS keychain).
const ID_KEY = "analyticsOps.looker.clientId";
const SECRET_KEY = "analyticsOps.looker.clientSecret";

/** The stored API key, if the user signed in. */
export async function readCredentials(
  secrets: vscode.SecretStorage,
): Promise<UsageCredentials | undefined> {
  const clientId = await secrets.get(ID_KEY);
  const clientSecret = await secrets.get(SECRET_KEY);
  if (clientId === undefined || clientSecret === undefined) return undefined;
  return { clientId, clientSecret };
}

/** Asks for the client id and secret and stores them; undefined when the user cancels. */
export async function promptCredentials(
  secrets: vscode.SecretStorage,
): Promise<UsageCredentials | undefined> {
  const clientId = await vscode.window.showInputBox({
    title: "Sign in to Looker (1/2)",
    prompt: "Client ID of a Looker API key that may see System Activity",
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === "" ? "Enter the client ID" : undefined),
  });
  if (clientId === undefined) return undefined;

  const clientSecret = await vscode.window.showInputBox({
    title: "Sign in to Looker (2/2)",
    prompt: "Client secret of the same API key; it is kept in the system keychain",
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === "" ? "Enter the client secret" : undefined),
  });
  if (clientSecret === undefined) return undefined;

  const credentials = { clientId: clientId.trim(), clientSecret: clientSecret.trim() };
  await secrets.store(ID_KEY, credentials.clientId);
  await secrets.store(SECRET_KEY, credentials.clientSecret);
  return credentials;
}

/** Forgets the stored API key. */
export async function deleteCredentials(secrets: vscode.SecretStorage): Promise<void> {
  await secrets.delete(ID_KEY);
  await secrets.delete(SECRET_KEY);
}
