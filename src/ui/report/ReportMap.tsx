import type { ExploreLayer, NeedMapResult, RankedCandidate } from '../../analysis/exploreSession';
import type { Area, Street } from '../../domain';
import { EXPLORE_COLOURS, NEED_CLASS_COLOURS } from '../../map/explorePalette';

/**
 * The static map of the main need, drawn as SVG from the workspace's geometry and the worker's classes: vector
 * (sharp on paper at any zoom), needs no WebGL in the print pipeline, and is the same on every machine.
 * Projection: equirectangular around the town's centre (x scaled by cos φ₀): < 0.5 % distortion over a town.
 */
interface ReportMapProps {
  areas: readonly Area[];
  streets: readonly Street[];
  estates: ExploreLayer;
  needMap: NeedMapResult;
  clusters: readonly RankedCandidate[];
  clusterNumber: (id: string) => number | undefined;
  label: string;
}

const WIDTH = 680;

type Ring = readonly (readonly number[])[];

export function ReportMap({ areas, streets, estates, needMap, clusters, clusterNumber, label }: ReportMapProps) {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  const extend = (ring: Ring) => {
    for (const [lng, lat] of ring) {
      if (lng! < minLng) minLng = lng!;
      if (lng! > maxLng) maxLng = lng!;
      if (lat! < minLat) minLat = lat!;
      if (lat! > maxLat) maxLat = lat!;
    }
  };
  for (const s of streets) s.geometry.coordinates.forEach(extend);
  for (const a of areas) (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).forEach((p) => p.forEach(extend));
  if (!Number.isFinite(minLng)) return null;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLng - minLng) * kx || 1;
  const spanY = maxLat - minLat || 1;
  const pad = 8;
  const scale = (WIDTH - 2 * pad) / spanX;
  const height = Math.round(spanY * scale + 2 * pad);
  const px = (lng: number) => (pad + (lng - minLng) * kx * scale).toFixed(1);
  const py = (lat: number) => (pad + (maxLat - lat) * scale).toFixed(1);
  const ringPath = (ring: Ring, close: boolean) => ring.map(([lng, lat], i) => `${i ? 'L' : 'M'}${px(lng!)} ${py(lat!)}`).join('') + (close ? 'Z' : '');
  const polygonPath = (g: Area['geometry'] | NonNullable<RankedCandidate['geometry']>) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) => p.map((r) => ringPath(r, true)).join('')).join('');

  const classOf = new Map(estates.unitIds.map((id, u) => [id, needMap.classOfUnit[u]!]));
  const estateAreas = areas.filter((a) => a.kind === 'estate');

  return (
    <svg className="report-map" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} width="100%">
      <rect x="0" y="0" width={WIDTH} height={height} fill="#fbfaf7" />
      <defs>
        <pattern id="report-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={EXPLORE_COLOURS.suppressed} />
          <line x1="0" y1="0" x2="0" y2="6" stroke={EXPLORE_COLOURS.suppressedLine} strokeWidth="1.5" />
        </pattern>
      </defs>
      {estateAreas.map((a) => {
        const c = classOf.get(a.id);
        const fill = c === undefined || c > 4 ? 'url(#report-hatch)' : NEED_CLASS_COLOURS[c];
        return <path key={a.id} d={polygonPath(a.geometry)} fill={fill} fillRule="evenodd" stroke="#6d675d" strokeWidth="0.8" />;
      })}
      <g fill="none" stroke="#8c877d" strokeWidth="0.6" strokeLinecap="round">
        {streets.map((s) => (
          <path key={s.id} d={s.geometry.coordinates.map((line) => ringPath(line, false)).join('')} />
        ))}
      </g>
      {/* the cluster's number sits above its centre, clear of the estate's name there */}
      {clusters.map((c) =>
        c.geometry ? (
          <g key={c.id}>
            {/* a white halo under the dashes: they stay visible over the darkest need class */}
            <path d={polygonPath(c.geometry)} fill="none" stroke="#fff" strokeWidth="4.5" />
            <path d={polygonPath(c.geometry)} fill="none" stroke={EXPLORE_COLOURS.cluster} strokeWidth="2.5" strokeDasharray="6 3" />
            {c.center ? (
              <text x={px(c.center[0])} y={(Number(py(c.center[1])) - 16).toFixed(1)} className="report-map-cluster" textAnchor="middle" dominantBaseline="middle">
                {clusterNumber(c.id)}
              </text>
            ) : null}
          </g>
        ) : null,
      )}
      {estateAreas.map((a) => {
        const u = estates.unitIds.indexOf(a.id);
        const lng = estates.centers[u * 2];
        const lat = estates.centers[u * 2 + 1];
        if (u < 0 || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
        return (
          <text key={`l-${a.id}`} x={px(lng!)} y={py(lat!)} className="report-map-label" textAnchor="middle">
            {a.name.replace(/^Osiedle /, '')}
          </text>
        );
      })}
    </svg>
  );
}
