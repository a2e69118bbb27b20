// traffic/: the shop's visitors against its paying buyers and sales (seed 001: 销量 = 流量 × 转化率).
export { trafficOfPeriod, checkTrafficRows } from "./shopTraffic.js";
export type { TrafficReport, TrafficDay, TrafficSource } from "./shopTraffic.js";
