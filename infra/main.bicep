// The Azure Functions app of the VPC endpoint provisioning service, with everything it needs, in one resource
// group: a user-assigned managed identity, a storage account without shared keys (task hub, queues, tables,
// deployment package), Application Insights on a Log Analytics workspace, a Key Vault holding the Huawei Cloud
// secret key, and the app on a Flex Consumption plan. azd provisions it (azure.yaml, `azd up`); see README.md,
// "Deploying to Azure". Only plain resource declarations and the local modules under modules/.
// azd template layout (subscription scope, resource group tagged azd-env-name, the app tagged azd-service-name):
// https://learn.microsoft.com/azure/developer/azure-developer-cli/make-azd-compatible

targetScope = 'subscription'

import { AppSettings } from 'modules/types.bicep'

@description('azd environment name: names the resource group and seeds every resource name.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region of every resource (one where the Flex Consumption plan is offered).')
@minLength(1)
param location string

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID), given data access to the storage account to enqueue requests; empty for none.')
param principalId string = ''

@description('Default Huawei Cloud region of requests that name none (HuaweiCloud__Region).')
param huaweiCloudRegion string = 'cn-north-4'

@description('Huawei Cloud access key id (AK) (HuaweiCloud__AccessKey).')
@minLength(1)
param huaweiCloudAccessKeyId string

@description('Huawei Cloud secret access key (SK), kept in Key Vault and referenced by HuaweiCloud__SecretKey.')
@secure()
@minLength(1)
param huaweiCloudSecretKey string

@description('Default Huawei Cloud project id (HuaweiCloud__ProjectId); empty leaves it unset (requests carry their project_id).')
param huaweiCloudProjectId string = ''

@description('One base URL for VPCEP, VPC and SMN (HuaweiCloud__BaseUrl), e.g. a private endpoint; empty uses the official hosts of each region.')
param huaweiCloudBaseUrl string = ''

@description('API calls per second per project, all instances together (HuaweiCloud__MaxRequestsPerSecondPerProject); 0 turns pacing off.')
param huaweiCloudMaxRequestsPerSecondPerProject string = '0'

@description('Notification target of requests that name no callback_url (Provisioning__DefaultCallbackUrl); empty for none.')
param defaultCallbackUrl string = ''

@description('Most instances the app scales out to (Flex Consumption maximumInstanceCount, 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB (512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('dotnet-isolated runtime version of the Flex Consumption app (the project targets .NET 10).')
param dotnetVersion string = '10.0'

@description('Any other app settings the README documents (Provisioning__*, Validation__*, SharedPacing__*, ProvisioningQueue__*), by name.')
param additionalAppSettings AppSettings = {}

var tags = {
  'azd-env-name': environmentName
}

// Globally unique names are seeded by the subscription, the environment and the region.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var serviceName = 'functions'
var functionAppName = 'func-vpcep-${resourceToken}'
var identityName = 'id-vpcep-${resourceToken}'

// The app's own settings (README.md, "Configuration"); the platform settings (storage, monitoring, the secret key)
// are added by modules/functionapp.bicep and cannot be overridden here.
var appSettings = union(
  {
    HuaweiCloud__Region: huaweiCloudRegion
    HuaweiCloud__AccessKey: huaweiCloudAccessKeyId
    HuaweiCloud__MaxRequestsPerSecondPerProject: huaweiCloudMaxRequestsPerSecondPerProject
  },
  empty(huaweiCloudProjectId) ? {} : { HuaweiCloud__ProjectId: huaweiCloudProjectId },
  empty(huaweiCloudBaseUrl) ? {} : { HuaweiCloud__BaseUrl: huaweiCloudBaseUrl },
  empty(defaultCallbackUrl) ? {} : { Provisioning__DefaultCallbackUrl: defaultCallbackUrl },
  additionalAppSettings
)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: 'log-vpcep-${resourceToken}'
    applicationInsightsName: 'appi-vpcep-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
    publisherName: identityName
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: 'stvpcep${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    operatorPrincipalId: principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: 'kv-vpcep-${take(resourceToken, 13)}'
    location: location
    tags: tags
    huaweiCloudSecretKey: huaweiCloudSecretKey
    readerPrincipalId: identity.outputs.principalId
    readerName: identityName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-vpcep-${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    huaweiCloudSkUri: keyVault.outputs.secretUri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    dotnetVersion: dotnetVersion
    appSettings: appSettings
  }
}

// Outputs azd stores in the environment (.azure/<env>/.env) after `azd provision`.
@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the Functions app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the Functions app (the API is under /api).')
output AZURE_FUNCTION_URL string = 'https://${functionApp.outputs.defaultHostName}'

@description('Storage account of the task hub and the provisioning queue.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Key Vault holding the Huawei Cloud secret key.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Client id of the app\'s managed identity (also usable by a self-host: DurableTask__ClientId).')
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Name of the Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
