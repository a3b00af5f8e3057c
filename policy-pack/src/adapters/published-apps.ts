// Every provider's published-app adapter (adapters/app-auth.ts). A third provider adds its adapter here.
import { AppAuthAdapter } from "./app-auth";
import { azureNativeAppAuth } from "./app-auth-azure-native";
import { classicAppAuth } from "./app-auth-classic";

export const APP_AUTH_ADAPTERS: readonly AppAuthAdapter[] = [azureNativeAppAuth, classicAppAuth];
