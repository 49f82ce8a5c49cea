// The Functions app on a Flex Consumption plan (FC1): .NET isolated worker, scale capped by maximumInstanceCount,
// the deployment package read from a blob container with the app's user-assigned identity, host storage reached
// with the same identity (no connection string), and the Huawei Cloud secret key as a Key Vault reference.
// Flex Consumption in Bicep (functionAppConfig: deployment, runtime, scaleAndConcurrency):
// https://learn.microsoft.com/azure/azure-functions/functions-infrastructure-as-code?pivots=flex-consumption-plan
// Flex Consumption plan: https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan
// Resource references: https://learn.microsoft.com/azure/templates/microsoft.web/serverfarms,
// https://learn.microsoft.com/azure/templates/microsoft.web/sites

import { AppSettings, Tags } from 'types.bicep'

@description('Name of the Functions app (unique in Azure: it is the app\'s host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan.')
param tags Tags = {}

@description('azd service name, put on the app as the azd-service-name tag so that azd deploy finds it.')
param serviceName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account of the task hub, queues and deployment package.')
param storageAccountName string

@description('URL of the blob container the deployment package is uploaded to.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('URI of the Key Vault secret holding the Huawei Cloud secret key.')
param huaweiCloudSkUri string

// The range of maximumInstanceCount (40-1000) is that of Microsoft's Flex Consumption quickstart template
// (Azure/azure-quickstart-templates, quickstarts/microsoft.web/function-app-flex-managed-identities/main.bicep); the
// instance memory sizes (512, 2048, 4096 MB) are those of "Flex Consumption plan", instance memory and quotas
// (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan).
@description('Most instances the app scales out to (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Runtime version of the dotnet-isolated worker.')
param dotnetVersion string

@description('The app\'s own settings (HuaweiCloud__*, Provisioning__*, ...), added to the platform settings set here.')
param appSettings AppSettings

// Platform settings. On Flex Consumption the worker runtime and its version are properties of functionAppConfig,
// which replace the FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION app settings, deprecated on this plan
// ("Flex Consumption plan deprecations":
// https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
// Host storage with a user-assigned identity: AzureWebJobsStorage__accountName, __credential=managedidentity and
// __clientId ("Connecting to host storage with an identity",
// https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity;
// Durable Functions reads the same connection: "Configure Durable Functions with managed identity",
// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-configure-managed-identity).
// Application Insights with Microsoft Entra authentication: APPLICATIONINSIGHTS_AUTHENTICATION_STRING
// (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#applicationinsights_authentication_string).
var platformSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // Key Vault reference syntax: https://learn.microsoft.com/azure/app-service/app-service-key-vault-references#source-app-settings-from-key-vault
  HuaweiCloud__SecretKey: '@Microsoft.KeyVault(SecretUri=${huaweiCloudSkUri})'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with the user-assigned identity (the default is a system-assigned one,
    // which this app does not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// App settings are a child resource so that they are written once, whole: settings not listed here are removed.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, platformSettings)
}

@description('Name of the Functions app.')
output name string = app.name

@description('Default host name of the Functions app.')
output defaultHostName string = app.properties.defaultHostName
