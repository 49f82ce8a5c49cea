// Parameters of main.bicep, read from the azd environment (`azd env set NAME VALUE`, kept in .azure/<env>/.env).
// azd reads a main.bicepparam in place of main.parameters.json; readEnvironmentVariable fails the deployment
// early, naming the variable, when a required one is missing.
// Bicep parameters files: https://learn.microsoft.com/azure/azure-resource-manager/bicep/parameter-files
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

param huaweiCloudAccessKeyId = readEnvironmentVariable('HUAWEICLOUD_SDK_AK')
param huaweiCloudSecretKey = readEnvironmentVariable('HUAWEICLOUD_SDK_SK')
param huaweiCloudProjectId = readEnvironmentVariable('HUAWEICLOUD_SDK_PROJECT_ID', '')
param huaweiCloudRegion = readEnvironmentVariable('HUAWEICLOUD_REGION', 'cn-north-4')
param huaweiCloudBaseUrl = readEnvironmentVariable('HUAWEICLOUD_BASE_URL', '')
param huaweiCloudMaxRequestsPerSecondPerProject = readEnvironmentVariable('HUAWEICLOUD_MAX_REQUESTS_PER_SECOND_PER_PROJECT', '0')
param defaultCallbackUrl = readEnvironmentVariable('VPCEP_DEFAULT_CALLBACK_URL', '')

param maximumInstanceCount = int(readEnvironmentVariable('VPCEP_MAXIMUM_INSTANCE_COUNT', '100'))
// The instance memory is one of three sizes; any other value fails here, naming the variable's value.
param instanceMemoryMB = {
  '512': 512
  '2048': 2048
  '4096': 4096
}[readEnvironmentVariable('VPCEP_INSTANCE_MEMORY_MB', '2048')]
param dotnetVersion = readEnvironmentVariable('VPCEP_DOTNET_VERSION', '10.0')

// Any other documented app setting, as a JSON object: azd env set VPCEP_APP_SETTINGS '{"Provisioning__PollInterval":"00:00:05"}'
param additionalAppSettings = json(readEnvironmentVariable('VPCEP_APP_SETTINGS', '{}'))
