import type { AdminService } from "../domain/admin.service.js";
import type { CheckinService } from "../domain/checkin.service.js";
import type { PairingService } from "../domain/pairing.service.js";
import type { RoadmapService } from "../domain/roadmap.service.js";

/** The services listeners call. Listeners stay thin: ack, parse, call, render. */
export interface Services {
  pairing: PairingService;
  roadmap: RoadmapService;
  checkins: CheckinService;
  admin: AdminService;
  /** Handles each Slack event id once, across replicas. */
  events: { firstDelivery(eventId: string): Promise<boolean> };
}
