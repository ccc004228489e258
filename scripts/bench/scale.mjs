// One large scenario: `containers` containers spread over `networks` user networks, with
// address, name (DNS, aliases) and reachability expectations on every tenth container.
// Doubling both counts keeps the density per network, so a linear engine takes about ten
// times as long for ten times the size; a lookup that scans every container shows up as a
// ratio well above ten.

/** 10.N.0.0/16 networks: the default pools hold only 30 user networks (FACTS 18–20). */
function subnetOf(n) {
  return { octet2: n, cidr: `10.${n}.0.0/16` };
}

function ipOf(j, networks) {
  const n = j % networks;
  const host = Math.floor(j / networks) + 2; // .1 is the gateway
  return `10.${subnetOf(n).octet2}.${host >> 8}.${host & 255}`;
}

export function scaleScenario(containers, networks) {
  if (networks > 256) throw new Error('at most 256 networks (one /16 of 10/8 each)');
  const lines = [`scenario "${containers} containers on ${networks} networks" @scale`];
  for (let n = 0; n < networks; n++) lines.push(`  docker network create --subnet ${subnetOf(n).cidr} n${n}`);
  for (let j = 0; j < containers; j++) {
    const n = j % networks;
    const alias = j < networks ? ` --network-alias svc${n}` : '';
    lines.push(`  docker run -d --name c${j} --net n${n}${alias} busybox sleep 3600`);
  }
  let expectations = 0;
  for (let j = 0; j < containers; j += 10) {
    const peer = j + networks; // same network
    lines.push(`  expect ip of c${j} is ${ipOf(j, networks)}`);
    expectations++;
    if (peer < containers) {
      lines.push(`  expect ping c${peer} from c${j} succeeds`, `  expect resolve c${peer} from c${j} gives ${ipOf(peer, networks)}`);
      expectations += 2;
    }
    if (networks > 1 && j + 1 < containers) {
      lines.push(`  expect ping c${j + 1} from c${j} fails`);
      expectations++;
    }
    if (peer < containers) {
      lines.push(`  expect resolve svc${j % networks} from c${peer} gives ${ipOf(j % networks, networks)}`);
      expectations++;
    }
  }
  return { text: `${lines.join('\n')}\n`, expectations };
}
