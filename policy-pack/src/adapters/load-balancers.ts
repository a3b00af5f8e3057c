// Where the classic provider keeps a load balancer's frontends and the fields of its rules. The
// azure-native shapes are the readers' defaults (azure/network/load-balancers.ts).
//
//   azure-native  frontendIPConfigurations[] { publicIPAddress | publicIPPrefix | subnet | privateIPAddress };
//                 rules: frontendIPConfiguration { id }, enableFloatingIP, frontendPortRangeStart/End
//   classic       frontendIpConfigurations[] { publicIpAddressId | publicIpPrefixId | subnetId |
//                 privateIpAddress }; azure:lb/natRule, natPool, rule: frontendIpConfigurationName,
//                 floatingIpEnabled (and the deprecated enableFloatingIp), frontendPortStart/End
import { FrontendKeys, LbRuleKeys } from "../azure/network/load-balancers";

export const AZURERM_FRONTENDS: FrontendKeys = {
    list: "frontendIpConfigurations",
    publicRefs: ["publicIpAddressId", "publicIpPrefixId"],
    internalRefs: ["subnetId", "privateIpAddress"],
};

export const AZURERM_LB_RULE_KEYS: LbRuleKeys = {
    backendPort: "backendPort",
    frontendPort: "frontendPort",
    frontendPortStart: "frontendPortStart",
    frontendPortEnd: "frontendPortEnd",
    floatingIp: ["floatingIpEnabled", "enableFloatingIp"],
    protocol: "protocol",
    frontend: "frontendIpConfigurationName",
};
