// recipients/*.yaml: who receives data, where, and in which role.
import { z } from "zod";
import { CountryCode, Id, Jurisdiction } from "./common.js";

export const RecipientRole = z.enum(["entrustee", "third_party", "joint_controller"]);
export type RecipientRole = z.infer<typeof RecipientRole>;

export const Certification = z.enum(["pipc_certified", "isms_p", "apec_cbpr", "bcr", "iso_27701"]);

export const RecipientSchema = z.strictObject({
  id: Id,
  legal_name: z.string().min(1),
  country: CountryCode,
  role: RecipientRole.describe("entrustee: processes only for the controller; third_party: its own purposes"),
  group: z.string().optional().describe("corporate group the recipient belongs to"),
  contact: z.string().optional().describe("privacy contact at the recipient"),
  certifications: z.array(Certification).default([]),
  adequacy: z
    .array(Jurisdiction)
    .default([])
    .describe("jurisdictions whose adequacy decision covers the recipient's country"),
});
export type Recipient = z.infer<typeof RecipientSchema>;
