/**
 * "File a bug", "Close bug" and "Bug report": the editor's side of the bug ledger. The ledger,
 * the figures and the tracker links are plain functions under server/src/bugs; this file asks
 * the questions and shows the answers.
 */
import * as vscode from "vscode";
import { toFileBugArgs } from "../../../common/src/bugs";
import { bugContext } from "../../../server/src/bugs/context";
import {
  closeBug,
  LedgerWriteError,
  openBug,
  readLedger,
  type Bug,
  type Ledger,
} from "../../../server/src/bugs/ledger";
import { ledgerRelativePath, resolveLedgerPath } from "../../../server/src/bugs/location";
import { computeBugMetrics } from "../../../server/src/bugs/metrics";
import {
  rootCauseHelp,
  rootCauseLabel,
  rootCauses,
  type RootCause,
} from "../../../server/src/bugs/record";
import { bugMetricsHtml } from "../../../server/src/bugs/report";
import { trackerUrl } from "../../../server/src/bugs/tracker";
import { currentUser } from "../../../server/src/bugs/who";
import { parseWindow } from "../../../server/src/runs/window";
import { log, showErrorWithLog } from "../log";
import type { HtmlPanel } from "./htmlPanel";
import { readBugSettings, type BugSettings } from "./settings";

/** The ledger of the folder a command applies to. */
interface LedgerPlace {
  scope: vscode.Uri;
  root: string;
  file: string;
  settings: BugSettings;
}

/** "File a bug": `arg` is the code action's FileBugArgs, or nothing from the palette. */
export async function fileBug(arg: unknown): Promise<void> {
  if (!trusted("File a bug")) return;
  const args = toFileBugArgs(arg);
  const place = await ledgerPlace(args.uri === undefined ? undefined : vscode.Uri.parse(args.uri));
  if (place === undefined) return;

  const answers = await askBug(place.settings, args.diagnostic?.message);
  if (answers === undefined) return;
  const editor = vscode.window.activeTextEditor;
  const active =
    editor === undefined
      ? undefined
      : { uri: editor.document.uri.toString(), line: editor.selection.active.line };
  const input = { ...answers, ...bugContext(args, active, place.root) };

  try {
    const bug = await openBug(place.file, input, await currentUser(place.root), new Date());
    log.info(`Filed ${bug.id} (${rootCauseLabel(bug.rootCause)}) in ${place.file}`);
    await announceFiled(bug, place);
  } catch (error: unknown) {
    await reportWriteFailure("File a bug", error);
  }
}

/** "Close bug": `arg` may be a bug id; otherwise the open bugs are offered. */
export async function closeBugCommand(arg: unknown): Promise<void> {
  if (!trusted("Close bug")) return;
  const place = await ledgerPlace(undefined);
  if (place === undefined) return;
  const ledger = await readAndLog(place.file);
  const id = typeof arg === "string" ? arg : await pickOpenBug(ledger);
  if (id === undefined) return;

  try {
    const bug = await closeBug(place.file, id, await currentUser(place.root), new Date());
    log.info(`Closed ${bug.id} in ${place.file}`);
    void vscode.window.showInformationMessage(`Closed bug ${bug.id}: ${bug.title}`);
  } catch (error: unknown) {
    await reportWriteFailure("Close bug", error);
  }
}

/** "Bug report": the figures for the window in `analyticsOps.bugs.reportWindow`. */
export async function bugReport(panel: HtmlPanel): Promise<void> {
  const place = await ledgerPlace(undefined);
  if (place === undefined) return;
  const ledger = await readAndLog(place.file);
  const window = parseWindow(place.settings.reportWindow) ?? parseWindow("3m");
  if (window === undefined) return;
  if (parseWindow(place.settings.reportWindow) === undefined) {
    void vscode.window.showWarningMessage(
      `analyticsOps.bugs.reportWindow "${place.settings.reportWindow}" ` +
        "is not a window such as 90d or 3m; showing 3m.",
    );
  }

  const metrics = computeBugMetrics(ledger.bugs, { now: new Date(), window });
  const open = ledger.bugs.filter((bug) => bug.closedAt === undefined);
  panel.show(bugMetricsHtml(metrics, ledgerRelativePath(place.root, place.file), open));
  if (!ledger.exists) {
    void vscode.window.showInformationMessage(
      `No bug ledger at ${place.file} yet: "File a bug" starts one.`,
    );
  }
}

async function askBug(
  settings: BugSettings,
  hint: string | undefined,
): Promise<{ title: string; category: string; rootCause: RootCause } | undefined> {
  const title = await vscode.window.showInputBox({
    title: "File a bug (1/3): title",
    prompt: "What is wrong, in a sentence a colleague will understand",
    ...(hint === undefined ? {} : { placeHolder: hint }),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === "" ? "Enter a title" : undefined),
  });
  if (title === undefined) return undefined;

  const category = await vscode.window.showQuickPick(settings.categories, {
    title: "File a bug (2/3): category",
    ignoreFocusOut: true,
  });
  if (category === undefined) return undefined;

  const cause = await vscode.window.showQuickPick(
    rootCauses.map((c) => ({ label: rootCauseLabel(c), detail: rootCauseHelp[c], cause: c })),
    { title: "File a bug (3/3): root cause", ignoreFocusOut: true },
  );
  return cause === undefined
    ? undefined
    : { title: title.trim(), category, rootCause: cause.cause };
}

async function announceFiled(bug: Bug, place: LedgerPlace): Promise<void> {
  const url = trackerUrl(place.settings.tracker, bug, ledgerRelativePath(place.root, place.file));
  const tracker = place.settings.tracker.kind === "jira" ? "Jira" : "GitHub";
  const openIssue = `Open issue in ${tracker}`;
  const buttons = url === undefined ? ["Open ledger"] : [openIssue, "Open ledger"];
  const choice = await vscode.window.showInformationMessage(
    `Filed bug ${bug.id}: ${bug.title}`,
    ...buttons,
  );
  if (choice === openIssue && url !== undefined)
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  if (choice === "Open ledger") await vscode.window.showTextDocument(vscode.Uri.file(place.file));
}

async function pickOpenBug(ledger: Ledger): Promise<string | undefined> {
  const open = ledger.bugs.filter((bug) => bug.closedAt === undefined);
  if (open.length === 0) {
    void vscode.window.showInformationMessage(`No open bugs in ${ledger.file}.`);
    return undefined;
  }
  const now = Date.now();
  const items = open.map((bug) => ({
    label: bug.title,
    description: bug.id,
    detail: [
      bug.category,
      rootCauseLabel(bug.rootCause),
      [bug.explore, bug.view, bug.model].filter((x) => x !== undefined).join(" / "),
      `opened ${daysSince(bug.openedAt, now)} days ago by ${bug.openedBy}`,
    ]
      .filter((part) => part !== "")
      .join(" · "),
    id: bug.id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: "Close bug",
    placeHolder: "Which bug is fixed?",
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.id;
}

/** The ledger of the folder holding `uri`, the active editor, or the first workspace folder. */
async function ledgerPlace(uri: vscode.Uri | undefined): Promise<LedgerPlace | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const folder =
    (target === undefined ? undefined : vscode.workspace.getWorkspaceFolder(target)) ??
    vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    void vscode.window.showWarningMessage("Open the repository's folder to use the bug ledger.");
    return undefined;
  }
  const settings = readBugSettings(folder.uri);
  const { root, file } = await resolveLedgerPath(folder.uri.fsPath, settings.ledgerPath);
  return { scope: folder.uri, root, file, settings };
}

async function readAndLog(file: string): Promise<Ledger> {
  const ledger = await readLedger(file);
  for (const problem of ledger.problems) log.warn(problem);
  if (ledger.problems.length > 0) {
    void showErrorWithLog(
      `${String(ledger.problems.length)} line(s) of the bug ledger ` +
        "could not be read and were skipped.",
    );
  }
  return ledger;
}

/** A write that failed keeps the person's input: the line can be copied and added by hand. */
async function reportWriteFailure(command: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${command}: ${message}`);
  if (error instanceof LedgerWriteError) {
    const choice = await vscode.window.showErrorMessage(
      message.split("\n")[0] ?? message,
      "Copy the line",
    );
    if (choice !== undefined) await vscode.env.clipboard.writeText(error.line);
    return;
  }
  if (error instanceof Error && error.name === "UserError") {
    void vscode.window.showWarningMessage(message);
    return;
  }
  await showErrorWithLog(`${command} failed.`);
}

function trusted(command: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    `${command} writes to the repository; trust this workspace first.`,
  );
  return false;
}

/** Whole days from `openedAt` to `now` (milliseconds since the epoch), as text. */
function daysSince(openedAt: Date, now: number): string {
  return String(Math.floor((now - openedAt.getTime()) / 86_400_000));
}
