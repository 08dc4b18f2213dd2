/**
 * The demo's resources for the 19 kinds Ocean's default mapping leaves out, as YAML list items to
 * append to it. Each maps onto its blueprint in `github/defaults/kind-blueprints/`: the per-kind
 * mappings of Ocean's integration tests (`mapping_for_kind()` in `integration_tests/helpers.py`),
 * Ocean's former `folder` and `file` defaults, and mappings for `skill` and `plugin` written from the
 * fields of their blueprints.
 */
export const demoKindResources = `  - kind: issue
    selector:
      query: 'true'
      state: open
    port:
      entity:
        mappings:
          identifier: .__repository + (.number|tostring)
          title: .title
          blueprint: '"githubIssue"'
          properties:
            status: .state
            url: .html_url
          relations:
            repository: .__repository
  - kind: release
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.id|tostring)
          title: .name
          blueprint: '"githubRelease"'
          properties:
            tag: .tag_name
            url: .html_url
          relations:
            repository: .__repository
  - kind: tag
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + .name
          title: .name
          blueprint: '"githubTag"'
          properties:
            commitSha: .commit.sha
          relations:
            repository: .__repository
  - kind: branch
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + .name
          title: .name
          blueprint: '"githubBranch"'
          properties:
            protected: .protected
          relations:
            repository: .__repository
  - kind: environment
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + .name
          title: .name
          blueprint: '"githubEnvironment"'
          properties:
            url: .html_url
          relations:
            repository: .__repository
  - kind: workflow
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.id|tostring)
          title: .name
          blueprint: '"githubWorkflow"'
          properties:
            path: .path
            state: .state
          relations:
            repository: .__repository
  - kind: workflow-run
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.id|tostring)
          title: .name
          blueprint: '"githubWorkflowRun"'
          properties:
            status: .status
            conclusion: .conclusion
            url: .html_url
          relations:
            repository: .__repository
  - kind: deployment
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.id|tostring)
          title: .task
          blueprint: '"githubDeployment"'
          properties:
            environment: .environment
            ref: .ref
          relations:
            repository: .__repository
  - kind: deployment-status
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__deployment_id + (.id|tostring)
          title: .state
          blueprint: '"githubDeploymentStatus"'
          properties:
            description: .description
            environment: .environment
          relations:
            repository: .__repository
  - kind: folder
    selector:
      query: 'true'
      folders:
        - path: '*'
    port:
      entity:
        mappings:
          identifier: .__repository.name + "/" + .folder.path | gsub(" "; "")
          title: .folder.path | tostring
          blueprint: '"githubRepository"'
          properties:
            url: >-
              .__repository.html_url + "/tree/" + .__repository.default_branch +
              "/" + .folder.path
  - kind: file
    selector:
      query: 'true'
      files:
        - path: '**/CODEOWNERS'
          skipParsing: true
    port:
      itemsToParse: >-
        (. as $root | .content | split("\\n") |
        map(gsub("^[[:space:]]+|[[:space:]]+$"; "")) |
        map(select((test("^[[:space:]]*#") | not) and (length > 0))) | map(
            (split(" ") | map(select(length > 0))) as $tokens
            | {
                scope: ($tokens[0]),
                identifier: ($tokens[0]
                          | gsub("\\\\*\\\\*"; "doublestar")
                          | gsub("\\\\*"; "star")),
                users: ($tokens[1:] | map(select(contains("/") | not) | gsub("@"; ""))),
                teams: ($tokens[1:] | map(select(test("^@[^ ]+/[^ ]+$")) | split("/") | .[-1])),
                repoName: $root.repository.name,
                filePath: $root.metadata.path
            }
          )
        )
      entity:
        mappings:
          identifier: .item.repoName + "_" + .item.identifier + "_codeowners"
          title: .item.scope + " codeowners"
          blueprint: '"githubCodeowners"'
          properties:
            scope: .item.scope
            location: .item.filePath
            users: .item.users
            teams: .item.teams
          relations:
            repository: .item.repoName
  - kind: skill
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository.name + "/" + .skill.path
          title: .skill.name
          blueprint: '"githubSkill"'
          properties:
            description: .skill.description
            instructions: .skill.instructions
            frontmatter: .skill.frontmatter
            path: .skill.path
            skillMdPath: .skill.skillMdPath
            root: .skill.root
            blobSha: .skill.blob_sha
            branch: .__branch
          relations:
            repository: .__repository.name
  - kind: plugin
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository.name
          title: .plugin.displayName
          blueprint: '"githubPlugin"'
          properties:
            name: .plugin.name
            description: .plugin.description
            version: .plugin.version
            supports: .plugin.supports
            branch: .__branch
          relations:
            repository: .__repository.name
  - kind: user
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .login
          title: .login
          blueprint: '"githubUser"'
          properties:
            email: .email
            name: .name
  - kind: team
    selector:
      query: 'true'
      members: true
    port:
      entity:
        mappings:
          identifier: .slug
          title: .name
          blueprint: '"githubTeam"'
          properties:
            description: .description
  - kind: collaborator
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + .login
          title: .login
          blueprint: '"githubCollaborator"'
          properties:
            url: .html_url
          relations:
            repository: .__repository
  - kind: dependabot-alert
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.number|tostring)
          title: .security_advisory.summary
          blueprint: '"githubDependabotAlert"'
          properties:
            state: .state
            url: .html_url
          relations:
            repository: .__repository
  - kind: code-scanning-alerts
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.number|tostring)
          title: .rule.description
          blueprint: '"githubCodeScanningAlert"'
          properties:
            state: .state
            url: .html_url
          relations:
            repository: .__repository
  - kind: secret-scanning-alerts
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .__repository + (.number|tostring)
          title: .secret_type
          blueprint: '"githubSecretScanningAlert"'
          properties:
            state: .state
            url: .html_url
          relations:
            repository: .__repository
`;
