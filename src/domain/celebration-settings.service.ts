import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import type { CelebrationMode, RelationshipSettings } from "./celebration.js";
import type { CelebrationChannels } from "./celebration-channels.js";
import { DomainError } from "./errors.js";
import type { Relationship, SettingsStore } from "./relationship.js";
import type { RelationshipAccess, Target } from "./relationship-access.js";

/** Where a pair's shout-outs may go: the program's channel and those admins allowed. */
export type ShoutOutChannels = Pick<CelebrationChannels, "defaultChannelId" | "isAllowed" | "list">;

export interface CelebrationSettingsDeps {
  access: RelationshipAccess;
  relationships: SettingsStore;
  audit: Auditor;
  clock: Clock;
  /** CELEBRATION_CHANNEL_ID and the channels admins allowed: the only places shout-outs go. */
  channels: ShoutOutChannels;
}

/** A pair's celebration choices, as they apply now. */
export interface CelebrationSettings {
  relationship: Relationship;
  mode: CelebrationMode;
  /** The channel in use: the pair's own, else the program's; null when neither is set. */
  channelId: string | null;
  channelIsDefault: boolean;
}

/** A pair's own channel counts while it is still allowed; otherwise the program's applies. */
export async function settingsOf(
  relationship: Relationship,
  channels: ShoutOutChannels,
): Promise<CelebrationSettings> {
  const picked = relationship.settings.celebrationChannelId;
  const own = picked && (await channels.isAllowed(picked)) ? picked : undefined;
  return {
    relationship,
    mode: relationship.settings.celebrate ?? "public",
    channelId: own ?? channels.defaultChannelId ?? null,
    channelIsDefault: !own,
  };
}

/** `/mentor celebrate`: the pair's choices of where and whether its milestones are shared. */
export class CelebrationSettingsService {
  constructor(private readonly deps: CelebrationSettingsDeps) {}

  async settings(actorId: string, target: Target): Promise<CelebrationSettings> {
    return settingsOf(await this.relationship(actorId, target), this.deps.channels);
  }

  /** Either person of the pair (or a program admin) picks the channel. */
  async setChannel(
    actorId: string,
    target: Target,
    channelId: string,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (!(await this.deps.channels.isAllowed(channelId))) {
      throw new DomainError("channel_not_allowed", {
        allowed: (await this.deps.channels.list()).join(","),
      });
    }
    return this.save(actorId, relationship, { celebrationChannelId: channelId });
  }

  /** Whether shout-outs name the aspiration: the mentee's choice alone. */
  async setShareAspiration(
    actorId: string,
    target: Target,
    share: boolean,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (relationship.menteeId !== actorId) {
      throw new DomainError("not_the_mentee", { what: "aspiration" });
    }
    return this.save(actorId, relationship, { shareAspiration: share });
  }

  /** Public or private is the mentee's choice alone: it is their milestone. */
  async setMode(
    actorId: string,
    target: Target,
    mode: CelebrationMode,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (relationship.menteeId !== actorId) throw new DomainError("not_the_mentee");
    return this.save(actorId, relationship, { celebrate: mode });
  }

  private relationship(actorId: string, target: Target): Promise<Relationship> {
    return this.deps.access.target(actorId, target);
  }

  private async save(
    actorId: string,
    relationship: Relationship,
    changes: RelationshipSettings,
  ): Promise<CelebrationSettings> {
    const updated = await this.deps.relationships.updateSettings(
      relationship.id,
      changes,
      this.deps.clock.now(),
    );
    if (!updated) throw new DomainError("no_roadmap_found");
    // Settings belong to the pair, so the entry is filed under the relationship.
    await this.deps.audit.record(
      actorId,
      "celebration.settings_changed",
      relationship.id,
      { ...changes },
      "relationship",
    );
    return settingsOf(updated, this.deps.channels);
  }
}
