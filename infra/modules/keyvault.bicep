// Key Vault holding the Huawei Cloud secret key. Access is by Azure RBAC (no access policies): the app's managed
// identity gets Key Vault Secrets User, and the Functions app reads the secret through a Key Vault reference
// (@Microsoft.KeyVault(SecretUri=...)) resolved with that identity (keyVaultReferenceIdentity on the site).
// Key Vault references: https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
// Azure RBAC for Key Vault: https://learn.microsoft.com/azure/key-vault/general/rbac-guide
// Resource references: https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults,
// https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults/secrets

import { Tags } from 'types.bicep'

@description('Name of the key vault (3-24 letters, digits and hyphens, unique in Azure).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the key vault.')
param location string

@description('Tags for the key vault.')
param tags Tags = {}

@description('Name of the secret that holds the Huawei Cloud secret key.')
param secretName string = 'huaweicloud-secret-key'

@description('The Huawei Cloud secret key (SK) stored in the vault.')
@secure()
param huaweiCloudSecretKey string

@description('Principal id of the app\'s managed identity (gets Key Vault Secrets User).')
param readerPrincipalId string

@description('Name of that identity (makes the role assignment\'s name).')
param readerName string

// Built-in role "Key Vault Secrets User" (read secret contents):
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-user
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: huaweiCloudSecretKey
    contentType: 'Huawei Cloud secret access key (SK)'
  }
}

// Role assignment names are made from names known before the deployment starts (not from the identity's principal
// id, known only once it exists), so that what-if can predict them.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerName, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the key vault.')
output name string = vault.name

// The versionless URI: a Key Vault reference without a version follows the newest version of the secret, so a
// rotated SK reaches the app without a redeployment, within 24 hours or at once when the app's configuration changes
// ("Rotation", https://learn.microsoft.com/azure/app-service/app-service-key-vault-references#rotation).
@description('URI of the secret, without a version.')
output secretUri string = secret.properties.secretUri
