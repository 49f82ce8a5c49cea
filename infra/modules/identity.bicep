// The user-assigned managed identity the Functions app runs as: it reaches the storage account, Key Vault and
// Application Insights with Microsoft Entra ID tokens, so no key or connection string is stored anywhere.
// Resource reference: https://learn.microsoft.com/azure/templates/microsoft.managedidentity/userassignedidentities

import { Tags } from 'types.bicep'

@description('Name of the identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags Tags = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity (the Functions app and Key Vault references name it).')
output id string = identity.id

@description('Client id of the identity (AzureWebJobsStorage__clientId, DurableTask:ClientId for the self-host).')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity, for role assignments.')
output principalId string = identity.properties.principalId
