/**
 * Ocean's default GitHub blueprints, copied as data from port-labs/ocean
 * `integrations/github/.port/resources/blueprints.json` (see PROVENANCE.md in this folder).
 * Embedded as TypeScript so `dist/` carries it without copying non-TS files.
 */
import type { Blueprint } from "../../engine/catalog/blueprint.js";

export const defaultBlueprints: readonly Blueprint[] = [
  {
    identifier: "githubOrganization",
    description: "This blueprint represents a service in our software catalog",
    title: "Organization",
    icon: "Github",
    schema: {
      properties: {
        login: {
          type: "string",
          title: "Organization Login",
          description: "The GitHub organization login name",
        },
        id: {
          type: "number",
          title: "Organization ID",
          description: "GitHub organization ID",
        },
        nodeId: {
          type: "string",
          title: "Node ID",
          description: "GitHub GraphQL node ID",
        },
        url: {
          type: "string",
          title: "API URL",
          description: "GitHub API URL for the organization",
        },
        reposUrl: {
          type: "string",
          title: "Repositories URL",
          description: "URL to organization's repositories",
        },
        eventsUrl: {
          type: "string",
          title: "Events URL",
          description: "URL to organization's events",
        },
        hooksUrl: {
          type: "string",
          title: "Webhooks URL",
          description: "URL to organization's webhooks",
        },
        issuesUrl: {
          type: "string",
          title: "Issues URL",
          description: "URL to organization's issues",
        },
        membersUrl: {
          type: "string",
          title: "Members URL",
          description: "URL to organization's members",
        },
        publicMembersUrl: {
          type: "string",
          title: "Public Members URL",
          description: "URL to organization's public members",
        },
        avatarUrl: {
          type: "string",
          title: "Avatar URL",
          description: "Organization avatar image URL",
        },
        description: {
          type: "string",
          title: "Description",
          description: "Organization description",
        },
      },
      required: [],
    },
    mirrorProperties: {},
    calculationProperties: {},
    aggregationProperties: {},
    relations: {},
  },
  {
    identifier: "githubRepository",
    title: "Repository",
    icon: "Github",
    schema: {
      properties: {
        description: {
          type: "string",
          title: "Description",
        },
        visibility: {
          type: "string",
          title: "Visibility",
          enum: ["all", "public", "private"],
          enumColors: {
            all: "green",
            public: "blue",
            private: "red",
          },
        },
        defaultBranch: {
          type: "string",
          title: "Default Branch",
        },
        url: {
          type: "string",
          title: "URL",
          format: "url",
        },
        language: {
          type: "string",
          title: "Primary Language",
        },
        readme: {
          type: "string",
          format: "markdown",
          title: "Readme",
        },
        codeowners: {
          title: "CODEOWNERS",
          type: "string",
          format: "markdown",
        },
      },
      required: [],
    },
    mirrorProperties: {},
    calculationProperties: {},
    aggregationProperties: {},
    relations: {
      organization: {
        title: "Organization",
        target: "githubOrganization",
        required: false,
        many: false,
      },
    },
  },
  {
    identifier: "githubPullRequest",
    title: "Pull Request",
    icon: "Github",
    schema: {
      properties: {
        creator: {
          title: "Creator",
          type: "string",
        },
        assignees: {
          title: "Assignees",
          type: "array",
        },
        reviewers: {
          title: "Reviewers",
          type: "array",
        },
        status: {
          title: "Status",
          type: "string",
          enum: ["merged", "open", "closed"],
          enumColors: {
            merged: "purple",
            open: "green",
            closed: "red",
          },
        },
        closedAt: {
          title: "Closed At",
          type: "string",
          format: "date-time",
        },
        updatedAt: {
          title: "Updated At",
          type: "string",
          format: "date-time",
        },
        mergedAt: {
          title: "Merged At",
          type: "string",
          format: "date-time",
        },
        createdAt: {
          title: "Created At",
          type: "string",
          format: "date-time",
        },
        link: {
          format: "url",
          type: "string",
        },
        leadTimeHours: {
          title: "Lead Time in hours",
          type: "number",
        },
      },
      required: [],
    },
    mirrorProperties: {},
    calculationProperties: {
      days_old: {
        title: "Days Old",
        icon: "DefaultProperty",
        calculation:
          '(now / 86400) - (.properties.createdAt | capture("(?<date>\\\\d{4}-\\\\d{2}-\\\\d{2})") | .date | strptime("%Y-%m-%d") | mktime / 86400) | floor',
        type: "number",
      },
    },
    relations: {
      repository: {
        title: "Repository",
        target: "githubRepository",
        required: false,
        many: false,
      },
    },
  },
];
