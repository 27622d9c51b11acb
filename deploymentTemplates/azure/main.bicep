// BackCareBot on Azure: Azure Bot (Teams and Web Chat channels), Linux App Service on .NET 10, Blob state reached by
// managed identity, Application Insights. Deploy into a resource group; see README "Deploy to Azure and Teams".
targetScope = 'resourceGroup'

@description('Azure Bot resource name (globally unique, 2-64 letters, digits, hyphens or underscores). The other resource names derive from it.')
@minLength(2)
@maxLength(64)
param botName string

@description('Region of the web app, storage and monitoring resources. The bot resource itself is global.')
param location string = resourceGroup().location

@description('How the bot authenticates: UserAssignedMSI (no secret, the identity this template creates) or SingleTenant (an existing Entra app registration in this tenant). New multi-tenant bots cannot be created.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string = 'UserAssignedMSI'

@description('SingleTenant only: the app (client) id of the bot\'s Entra app registration.')
param appId string = ''

@description('SingleTenant only: the Key Vault secret URI holding the app registration\'s client secret (https://<vault>.vault.azure.net/secrets/<name>). The web app reads it through a Key Vault reference with the managed identity.')
param appPasswordSecretUri string = ''

@description('Tenant of the bot\'s identity.')
param tenantId string = tenant().tenantId

@description('App Service plan size. Basic or higher: the morning check-ins need Always On.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams and Web Chat) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Blob container for conversation state.')
param stateContainerName string = 'botstate'

var suffix = uniqueString(resourceGroup().id, botName)
var webAppName = take('${botName}-${suffix}', 60)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${botName}-identity'
  location: location
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: botName
    location: location
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    // 3 + 8 + 13 characters: storage names are 3-24 lower-case letters and digits, and the unique suffix must survive.
    accountName: 'bcb${take(toLower(replace(replace(botName, '-', ''), '_', '')), 8)}${suffix}'
    location: location
    containerName: stateContainerName
    dataContributorPrincipalId: identity.properties.principalId
  }
}

var botAppId = appType == 'UserAssignedMSI' ? identity.properties.clientId : appId

module webApp 'modules/webApp.bicep' = {
  name: 'webApp'
  params: {
    name: webAppName
    location: location
    sku: appServicePlanSku
    identityId: identity.id
    identityClientId: identity.properties.clientId
    appType: appType
    appId: botAppId
    appPasswordSecretUri: appPasswordSecretUri
    tenantId: tenantId
    stateServiceUri: storage.outputs.blobEndpoint
    stateContainerName: stateContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: botName
    sku: botSku
    endpoint: 'https://${webApp.outputs.hostName}/api/messages'
    appType: appType
    appId: botAppId
    tenantId: tenantId
    identityId: identity.id
  }
}

@description('The bot\'s app id: botId in the Teams manifest (pass it to the Teams packager).')
output botAppId string = botAppId

@description('Host name of the web app: the bot domain in the Teams manifest.')
output webAppHostName string = webApp.outputs.hostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = webAppName

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.outputs.endpoint
