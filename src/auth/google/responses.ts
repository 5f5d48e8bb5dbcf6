// What Google's OAuth side reads and answers: the service-account key file and the token endpoint.
import { z } from 'zod';

/** The fields of a service-account key file (the JSON Google Cloud downloads) that we use. */
export const serviceAccountKeySchema = z.object({
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  token_uri: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/**
 * Google's token endpoint answer, for both the JWT-bearer and the refresh-token grants.
 * `expires_in` is seconds (3599 in practice).
 */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
