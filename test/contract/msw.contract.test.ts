import { defineConnectorContract } from './connector-contract';
import { createMswBackend } from './msw-backend';

defineConnectorContract('msw in-memory org', async () => createMswBackend());
