export async function driveFill() { return ["not yet"]; }
