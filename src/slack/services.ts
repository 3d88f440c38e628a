import type { PairingService } from "../domain/pairing.service.js";

/** The services listeners call. Listeners stay thin: ack, parse, call, render. */
export interface Services {
  pairing: PairingService;
}
