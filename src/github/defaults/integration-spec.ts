/**
 * Ocean's GitHub integration spec, copied byte for byte as text from port-labs/ocean
 * `integrations/github/.port/spec.yaml` (see PROVENANCE.md in this folder): the one source of the
 * integration settings' names, types, defaults, which are sensitive, and the descriptions the portal
 * shows behind ⓘ. Embedded as TypeScript so `dist/` carries it without copying non-TS files.
 */
export const integrationSpec: string = `title: GitHub
description: GitHub integration for Port Ocean
icon: Github
docs: https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/git/github-ocean
formMappingEnabled: true
features:
  - type: exporter
    section: Git Providers
    resources:
      - kind: organization
      - kind: repository
      - kind: folder
      - kind: user
      - kind: team
      - kind: workflow
      - kind: workflow-run
      - kind: pull-request
      - kind: issue
      - kind: release
      - kind: tag
      - kind: branch
      - kind: environment
      - kind: deployment
      - kind: deployment-status
      - kind: dependabot-alert
      - kind: code-scanning-alerts
      - kind: file
      - kind: skill
      - kind: plugin
      - kind: collaborator
configurations:
  - name: githubHost
    required: false
    default: https://api.github.com
    type: url
    description: For Github Enterprise users, if Github url is not passed, the default Github API "api.github.com" will be used.
  - name: authenticationMode
    description: A GitHub App (recommended) acts as its own identity with scoped permissions, while a PAT acts as a specific user.
    required: false
    type: string
    enum: ["Github App", "Personal Access Token"]
    format: "tabSwitcher"
    default: "Github App"
  - name: githubToken
    required: false
    type: string
    sensitive: true
    description: GitHub personal access token with necessary permissions. This is only necessary if the integration is not functioning as an app.
    dependencies:
      - on: authenticationMode
        when:
          equals: "Personal Access Token"
        then:
          required: true
  - name: githubAppId
    type: string
    required: false
    sensitive: false
    description: App id if you want the integration to interact with Github as an app. This is mandatory if githubToken is not passed in.
    dependencies:
      - on: authenticationMode
        when:
          equals: "Github App"
        then:
          required: true
  - name: githubAppPrivateKey
    required: false
    type: string
    sensitive: true
    description: If App ID is passed, then app private key is required.
    dependencies:
      - on: authenticationMode
        when:
          equals: "Github App"
        then:
          required: true
  - name: githubOrganization
    required: false
    type: string
    description: Optional GitHub organization name for GitHub App or Fine-grained PAT authentication.
  - name: webhookSecret
    type: string
    description: Optional secret used to verify incoming webhook requests. Ensures that only legitimate events from GitHub are accepted.
    sensitive: true
    required: false
  - name: skipWebhookPatching
    type: boolean
    required: false
    default: false
    description: When enabled, the integration will not update existing webhook configurations on GitHub.
  - name: resyncRatelimitReservationThreshold
    type: integer
    required: false
    default: 95
    description: GitHub REST rate-limit utilization percentage (0-100) at which resync processes pause to reserve quota for webhooks. Does not throttle webhooks or actions.
  - name: legacyDispatchWorkflowTracking
    type: boolean
    required: false
    default: false
    description: Enable for GitHub Enterprise Server versions older than 3.21 that do not support \`return_run_details\` on workflow dispatch (see https://github.com/github/roadmap/issues/1188). Polls GitHub for the triggered workflow run and serializes dispatches per organization/repository/workflow.
saas:
  enabled: true
  liveEvents:
    enabled: true
  incrementalSync:
    enabled: true
  oauthConfiguration:
    requiredSecrets:
      - name: githubAppPrivateKey
        value: .oauthData.pem
        description: '"Private key in PEM format for GitHub App authentication and API access"'
    valuesOverride:
      integrationSpec:
        githubHost: "'https://api.github.com'"
        githubAppId: .oauthData.appId
        authenticationMode: "'Github App'"
actionsProcessingEnabled: true
actions:
  - name: dispatch_workflow
    icon: GithubActions
    description: Dispatch a GitHub workflow
    inputs:
      - name: org
        title: Organization
        type: string
        description: The name of your GitHub organization/user, can be found in the organization/user URL. For example - "port-labs" for https://github.com/port-labs
        required: true
      - name: repo
        title: Repository
        type: string
        description: The name of the GitHub repository that contains the target workflow
        required: true
      - name: workflow
        title: Workflow file name
        type: string
        description: The name of the file (under /.github/workflows/) that defines the target workflow, for example - deploy.yml
        required: true
      - name: reportWorkflowStatus
        title: Report workflow status
        type: boolean
        description: Whether to report the workflow status
        default: true
      - name: workflowInputs
        title: Workflow inputs
        type: jqObject
        description: 'The following values will be sent upon the action invocation. You can use JQ to reference the action trigger data by writing double brackets, for example: {{ .trigger.by.user.email }}. You can reference secrets using {{ .secrets["secret-name"] }}. <a href="https://docs.port.io/actions-and-automations/create-self-service-experiences/setup-the-backend/#define-the-actions-payload" target="_blank">Learn more</a>'
  - name: update_repo_external_custom_properties
    icon: Github
    description: Update GitHub repository external custom properties based on Port entity changes
    inputs:
      - name: org
        title: Organization
        type: string
        description: The GitHub organization that owns the repository
        required: true
      - name: repo
        title: Repository
        type: string
        description: The name of the GitHub repository to update
        required: true
      - name: externalPropertiesMapping
        title: External Properties Mapping
        type: jqObject
        description: 'Defines the mapping of Port blueprint properties to GitHub external custom properties. Example: { "buisness_criticality": "{{ .properties.buisness_criticality }}"}'
        required: true
installationDocs:
  saas:
    - name: SaasOAuth2
      enabled: false
    - name: Saas
      enabled: true
      docs: build-your-software-catalog/sync-data-to-catalog/git/github-ocean/?method=pat&step=installation-method&s1=hosted-by-port#setup
  githubWorkflow:
    enabled: true
    docs: build-your-software-catalog/sync-data-to-catalog/git/github-ocean/?method=pat&step=install&s1=ci-deployment&cicd-method=github#setup
  gitlabCI:
    enabled: true
    docs: build-your-software-catalog/sync-data-to-catalog/git/github-ocean/?method=pat&step=install&s1=ci-deployment&cicd-method=gitlab#setup
  helm:
    enabled: true
    docs: build-your-software-catalog/sync-data-to-catalog/git/github-ocean/?method=pat&step=prerequisites&s1=kubernetes#setup
  docker:
    enabled: true
    docs: build-your-software-catalog/sync-data-to-catalog/git/github-ocean/?method=pat&step=prerequisites&s1=docker#setup
`;
