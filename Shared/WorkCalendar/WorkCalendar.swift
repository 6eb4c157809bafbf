// The official working-day calendar (appeals issue).
