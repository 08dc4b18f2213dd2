/**
 * Ocean's default GitHub mapping (port app config), copied byte for byte as text from port-labs/ocean
 * `integrations/github/.port/resources/port-app-config.yml` (see PROVENANCE.md in this folder).
 * Embedded as TypeScript so `dist/` carries it without copying non-TS files.
 */
export const defaultMapping: string = `deleteDependentEntities: true
createMissingRelatedEntities: true
repositoryType: 'all'
resources:
  - kind: organization
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .login
          title: .login
          blueprint: '"githubOrganization"'
          properties:
            login: .login
            id: .id
            nodeId: .node_id
            url: .url
            reposUrl: .repos_url
            eventsUrl: .events_url
            hooksUrl: .hooks_url
            issuesUrl: .issues_url
            membersUrl: .members_url
            publicMembersUrl: .public_members_url
            avatarUrl: .avatar_url
            description: if .description then .description else "" end
  - kind: repository
    selector:
      query: 'true'
      includedFiles:
        - README.md
        - CODEOWNERS
    port:
      entity:
        mappings:
          identifier: .name
          title: .name
          blueprint: '"githubRepository"'
          properties:
            description: if .description then .description else "" end
            visibility: if .private then "private" else "public" end
            defaultBranch: .default_branch
            readme: .__includedFiles["README.md"]
            codeowners: .__includedFiles["CODEOWNERS"]
            url: .html_url
            language: if .language then .language else "" end
          relations:
            organization: .owner.login
  - kind: pull-request
    selector:
      query: 'true'
      states:
        - "open"
    port:
      entity:
        mappings:
          identifier: ".head.repo.name + (.id|tostring)"
          title: ".title"
          blueprint: '"githubPullRequest"'
          properties:
            creator: (.user.login | gsub("\\\\["; "-") | gsub("\\\\](?=[^$])"; "-") | gsub("\\\\]$"; ""))
            assignees: '[.assignees[].login | gsub("\\\\](?=[^$])"; "-") | gsub("\\\\]$"; "")]'
            reviewers: '[.requested_reviewers[].login | gsub("\\\\](?=[^$])"; "-") | gsub("\\\\]$"; "")]'
            status: ".state"
            closedAt: ".closed_at"
            updatedAt: ".updated_at"
            mergedAt: ".merged_at"
            createdAt: ".created_at"
            prNumber: ".id"
            link: ".html_url"
            leadTimeHours: >-
                (.created_at as $createdAt | .merged_at as $mergedAt |
                ($createdAt | sub("\\\\..*Z$"; "Z") | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime) as $createdTimestamp |
                ($mergedAt | if . == null then null else sub("\\\\..*Z$"; "Z") |
                strptime("%Y-%m-%dT%H:%M:%SZ") | mktime end) as $mergedTimestamp |
                if $mergedTimestamp == null then null else
                (((($mergedTimestamp - $createdTimestamp) / 3600) * 100 | floor) / 100) end)
          relations:
            repository: .__repository
`;
