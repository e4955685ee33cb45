/** Whether a campaign takes uploads at `now`: open from `opensAt` (if set) until `closesAt`. */
export function isCampaignOpen(
  c: { opens_at: Date | null; closes_at: Date | null },
  now: Date = new Date(),
): boolean {
  if (c.opens_at && now < c.opens_at) return false;
  if (c.closes_at && now >= c.closes_at) return false;
  return true;
}
