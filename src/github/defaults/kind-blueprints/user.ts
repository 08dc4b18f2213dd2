/** Blueprint for the `user` kind: the identifier and properties the compatibility mapping writes (`.login`; email, name). */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const userBlueprint: Blueprint = {
  identifier: "githubUser",
  title: "GitHub User",
  icon: "Github",
  schema: {
    properties: {
      email: {
        type: "string",
        title: "Email",
        description: "Public email, or the SAML email when GitHub shows none",
      },
      name: { type: "string", title: "Name" },
    },
    required: [],
  },
  relations: {},
};
