// routing/: R7 (seed 002) — which agent an arriving buyer is given: the group by source, the recent agent, then online and busy agents of either group.
export { routeConsultation, safeRouteConsultation, type RoutingAgent, type RoutingArrival, type RoutingDecision, type RoutingGroup, type RoutingState } from "./route.js";
