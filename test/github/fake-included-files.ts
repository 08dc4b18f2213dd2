/**
 * A `FakeGitHub` answer to the included-files GraphQL query (`src/github/kinds/read-included-files.ts`):
 * each aliased `repository(owner, name)` is looked up in `repositories` ("owner/name" → its files by
 * expression, "branch:path" → text, or a `{binary: true}` blob) and each aliased `object(expression)`
 * answered as GitHub would: a `Blob`, or `null` for a path that is not there. A repository not listed is
 * GitHub's NOT_FOUND: `null` with an error.
 */
import { type FieldNode, Kind, parse } from "graphql";
import type { FakeResponse, LoggedRequest } from "./fake-github.js";

export type FakeFile = string | { binary: true };

export function includedFilesAnswer(
  repositories: Record<string, Record<string, FakeFile>>,
): (request: LoggedRequest) => FakeResponse {
  return (request) => {
    const { query, variables } = request.body as { query: string; variables: Record<string, string> };
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error("no operation in the query");
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const selection of operation.selectionSet.selections as FieldNode[]) {
      const alias = selection.alias?.value ?? selection.name.value;
      const argument = (name: string) => {
        const value = selection.arguments?.find((a) => a.name.value === name)?.value;
        return value?.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
      };
      const fullName = `${argument("owner")}/${argument("name")}`;
      const files = repositories[fullName];
      if (!files) {
        data[alias] = null;
        errors.push({
          type: "NOT_FOUND",
          path: [alias],
          message: `Could not resolve to a Repository with the name '${fullName}'.`,
        });
        continue;
      }
      const objects: Record<string, unknown> = {};
      for (const field of (selection.selectionSet?.selections ?? []) as FieldNode[]) {
        const expression = field.arguments?.[0]?.value;
        const file =
          expression?.kind === Kind.VARIABLE ? files[variables[expression.name.value] ?? ""] : undefined;
        objects[field.alias?.value ?? field.name.value] =
          file === undefined
            ? null
            : typeof file === "string"
              ? { __typename: "Blob", text: file, isBinary: false, isTruncated: false }
              : { __typename: "Blob", text: null, isBinary: true, isTruncated: false };
      }
      data[alias] = objects;
    }
    return { body: errors.length > 0 ? { data, errors } : { data } };
  };
}
