import type { Cloud } from './spec.js';

/**
 * The regions each cloud really has, as data with their source, so that a misspelt region
 * (`us-east1`, `westeu`) fails validation instead of the first `terraform apply`.
 */

/**
 * AWS regions of the `aws` partition: botocore 1.43.67, botocore/data/endpoints.json,
 * `partitions[partition = "aws"].regions`. The China, GovCloud and ISO partitions are left
 * out: IAM role ARNs are written as `arn:aws:...`, which those partitions do not accept.
 */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

/**
 * Azure locations of the public cloud: Azure/azure-sdk-for-net at commit 8802eec,
 * sdk/core/Azure.Core/src/AzureLocation.cs, the "Public Cloud Locations" region. Left out are
 * the China, US Government and DoD clouds listed there (azurerm's `public` environment does not
 * reach them) and germanycentral/germanynortheast, which belonged to the closed Microsoft Cloud
 * Deutschland.
 */
export const AZURE_LOCATIONS: readonly string[] = [
  'australiacentral', 'australiacentral2', 'australiaeast', 'australiasoutheast', 'brazilsouth', 'brazilsoutheast', 'canadacentral',
  'canadaeast', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'francesouth', 'germanynorth',
  'germanywestcentral', 'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'koreasouth', 'mexicocentral',
  'northcentralus', 'northeurope', 'norwayeast', 'norwaywest', 'polandcentral', 'qatarcentral', 'southafricanorth', 'southafricawest',
  'southcentralus', 'southeastasia', 'southindia', 'spaincentral', 'swedencentral', 'swedensouth', 'switzerlandnorth', 'switzerlandwest',
  'uaecentral', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus', 'westeurope', 'westindia', 'westus', 'westus2', 'westus3',
];

/** The regions (AWS) or locations (Azure) of a cloud. */
export const REGIONS: Readonly<Record<Cloud, readonly string[]>> = { aws: AWS_REGIONS, azure: AZURE_LOCATIONS };
