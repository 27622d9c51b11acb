// Linux App Service plan and the .NET 10 web app that hosts POST /api/messages, with the settings the bot reads.
param name string
param location string
param sku string
param identityId string
param identityClientId string
param appType string
param appId string
param appPasswordSecretUri string
param tenantId string
param stateServiceUri string
param stateContainerName string
param appInsightsConnectionString string

// The app's listening port; App Service forwards to it. appsettings.json binds to localhost:3978 for local runs.
var port = '8080'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      // Ready, not just alive: content loaded, state store reachable, Connector token obtainable (/readyz).
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'MicrosoftAppType'
          value: appType
        }
        {
          name: 'MicrosoftAppId'
          value: appId
        }
        {
          // A Key Vault reference, resolved by App Service with the managed identity; empty for UserAssignedMSI.
          name: 'MicrosoftAppPassword'
          value: appType == 'SingleTenant' ? '@Microsoft.KeyVault(SecretUri=${appPasswordSecretUri})' : ''
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenantId
        }
        {
          name: 'Storage__Kind'
          value: 'Blob'
        }
        {
          name: 'Storage__Blob__ServiceUri'
          value: stateServiceUri
        }
        {
          name: 'Storage__Blob__Container'
          value: stateContainerName
        }
        {
          // Teams fetches the exercise cards' pictures from here; it shows images only from public https addresses.
          name: 'Care__PublicUrl'
          value: 'https://${name}.azurewebsites.net'
        }
        {
          // DefaultAzureCredential picks the user-assigned identity by this client id for Blob Storage.
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        {
          name: 'Urls'
          value: 'http://+:${port}'
        }
        {
          name: 'WEBSITES_PORT'
          value: port
        }
        {
          // Read by the .NET runtime (environment only; bench/README.md, "Memory"): no double mapping of JIT code,
          // and a 6 MB gen0 budget instead of one sized by the L3 cache; ~10 MB less memory under load. Hex digits
          // without 0x: CoreCLR reads both forms, the Native AOT runtime ignores a value with the prefix.
          name: 'DOTNET_EnableWriteXorExecute'
          value: '0'
        }
        {
          name: 'DOTNET_GCgen0size'
          value: '600000'
        }
      ]
    }
  }
}

output hostName string = site.properties.defaultHostName
