/**
 * A global node id in GitHub's newer format, `<prefix>_<base64url>`, as GitHub gives workflows (`W_`),
 * runs (`WFR_`), environments (`EN_`), deployments (`DE_`) and deployment statuses (`DES_`). The payload
 * here is the id's bytes, which is enough for a stable, well-formed id.
 */
export function typedNodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString("base64url")}`;
}
