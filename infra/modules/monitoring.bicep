// Log Analytics workspace and a workspace-based Application Insights component: the Functions host sends its
// logs, traces and metrics there (APPLICATIONINSIGHTS_CONNECTION_STRING), authenticating with the app's
// managed identity (Monitoring Metrics Publisher on the component, APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
// Workspace-based resources: https://learn.microsoft.com/azure/azure-monitor/app/create-workspace-resource
// Microsoft Entra authentication for Application Insights:
// https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
// Resource references: https://learn.microsoft.com/azure/templates/microsoft.operationalinsights/workspaces,
// https://learn.microsoft.com/azure/templates/microsoft.insights/components

import { Tags } from 'types.bicep'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Region of both.')
param location string

@description('Tags for both.')
param tags Tags = {}

@description('Days the workspace keeps data (30 is included in the price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Principal id of the identity that publishes telemetry (gets Monitoring Metrics Publisher).')
param publisherPrincipalId string

@description('Name of that identity (makes the role assignment\'s name).')
param publisherName string

// Built-in role "Monitoring Metrics Publisher":
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor#monitoring-metrics-publisher
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// Role assignment names are made from names known before the deployment starts (not from the identity's principal
// id, known only once it exists), so that what-if can predict them.
resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, publisherName, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Connection string of the Application Insights component (APPLICATIONINSIGHTS_CONNECTION_STRING).')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = workspace.name
