// The storage account of the Functions app: the Durable Task hub (its queues, tables and blobs), the provisioning
// queue and its poison queue, batches kept in blobs, the create attempts and pacing tables, the function keys, and
// the container the deployment package is uploaded to. Shared key access is off: everything, the Functions host
// included, reaches it with a Microsoft Entra identity and the roles below.
// Resource reference: https://learn.microsoft.com/azure/templates/microsoft.storage/storageaccounts
// Shared keys off: https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent

import { Tags } from 'types.bicep'

@description('Name of the storage account (3-24 lowercase letters and digits, unique in Azure).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the storage account.')
param location string

@description('Tags for the storage account.')
param tags Tags = {}

@description('Blob container the Flex Consumption plan reads the deployment package from.')
param deploymentContainerName string

@description('Principal id of the app\'s managed identity.')
param appPrincipalId string

@description('Name of that identity (makes the role assignments\' names).')
param appIdentityName string

@description('Object id of a user or group that also gets data access (to enqueue requests, read blobs), or empty for none.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

// The roles an identity-based AzureWebJobsStorage connection needs with Durable Functions on the Azure Storage
// provider: Storage Queue Data Contributor, Storage Blob Data Contributor and Storage Table Data Contributor
// ("Configure Durable Functions with managed identity",
// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-configure-managed-identity).
// The Functions host's own storage needs Storage Blob Data Owner ("Connecting to host storage with an identity",
// https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity),
// which includes Blob Data Contributor, and the Flex Consumption deployment container is read with the same
// identity. Role ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

var appRoleIds = [
  storageBlobDataOwnerRoleId
  storageQueueDataContributorRoleId
  storageTableDataContributorRoleId
]

var operatorRoleIds = empty(operatorPrincipalId)
  ? []
  : [
      storageBlobDataContributorRoleId
      storageQueueDataContributorRoleId
      storageTableDataContributorRoleId
    ]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Role assignment names are made from names known before the deployment starts (not from the identity's principal
// id, known only once it exists), so that what-if can predict them.
resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoleIds: {
    name: guid(storage.id, appIdentityName, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource operatorRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in operatorRoleIds: {
    name: guid(storage.id, operatorPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: operatorPrincipalId
      principalType: operatorPrincipalType
    }
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Blob service endpoint, ending in a slash.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Blob container URL the Flex Consumption plan deploys from.')
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
