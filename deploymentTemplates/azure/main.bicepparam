using 'main.bicep'

// Replace the placeholders, then: az deployment group create -g <group> -f main.bicep -p main.bicepparam
param botName = 'backcarebot-<your-suffix>'

// UserAssignedMSI needs nothing else. For SingleTenant set appType = 'SingleTenant', appId to the app registration's
// client id and appPasswordSecretUri to the Key Vault secret that holds its client secret.
param appType = 'UserAssignedMSI'
param appServicePlanSku = 'B1'
param botSku = 'F0'
