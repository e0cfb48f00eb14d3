import type { Socket } from "socket.io";
import { z } from "zod";
import type { Db } from "../db/index";
import { socketEvents } from "./socket-events";
import { assertDisputeReader, disputeRoom } from "../app/models/trust/disputes.server";

const joinSchema = z.object({ disputeId: z.string().uuid() });

/**
 * A dispute's live timeline: the page joins the dispute's room after the same check as the page
 * (parties, the assigned mediator, the secretariat); moveDispute emits `dispute:changed` there.
 */
export function registerDisputeHandlers(socket: Socket, db: Db) {
  const on = socketEvents(socket, db);
  on("dispute:join", joinSchema, async ({ disputeId }, a) => {
    await assertDisputeReader(db, a, disputeId);
    await socket.join(disputeRoom(disputeId));
    return {};
  });
}
