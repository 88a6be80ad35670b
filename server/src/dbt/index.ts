/**
 * The dbt artifact reader: manifests (schema v1 to v12, v20), catalogs, run results, and the
 * lookups that find a dbt project and its target folder. Import from here.
 */
export { identifyArtifact, describeKind } from "./artifactKind";
export type { ArtifactIdentity, ArtifactKind } from "./artifactKind";
export { loadCatalog, parseCatalog, findCatalogTable } from "./catalog";
export { ArtifactError } from "./errors";
export { loadManifest, parseManifest, knownManifestVersions } from "./manifest";
export {
  findDbtProjects,
  findDbtProjectUp,
  parseDbtProject,
  projectFileName,
  readDbtProject,
  resolveTargetDir,
} from "./project";
export type { DbtProject, TargetOptions, TargetSource } from "./project";
export { buildRelationName, defaultQuoting, quoteIdentifier } from "./relation";
export type { RelationParts } from "./relation";
export type {
  Catalog,
  CatalogColumn,
  CatalogTable,
  DbtColumn,
  DbtConstraint,
  DbtManifest,
  DbtMeta,
  DbtModel,
  DbtQuoting,
  DbtRelationNode,
  DbtSource,
  DbtTest,
} from "./types";
