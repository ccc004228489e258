// Runnable scenario templates for the end-to-end benchmark: each is a realistic scenario
// (modelled on scenarios/*.dnet) with varied names, counts and addresses, and expectations
// that hold on a fresh engine (the bench checks that every generated scenario passes, so a
// template that drifts from the engine shows up as a failure, not as a fast wrong figure).

const words = ['web', 'db', 'api', 'cache', 'worker', 'proxy', 'queue', 'auth', 'search', 'front', 'back', 'node'];
const images = ['busybox sleep 3600', 'nginx'];

function names(rng, prefix, n) {
  const base = `${rng.pick(words)}${prefix}`;
  return Array.from({ length: n }, (_, k) => `${base}${k + 1}`);
}

/** Containers on one user network reach each other by name; addresses are .2, .3, … */
function userBridge(rng, i) {
  const net = `net-${rng.pick(words)}-${i}`;
  const cs = names(rng, 'u', rng.int(2, 5));
  const out = [`scenario "user bridge ${i}: ${cs.length} containers reach each other by name" @dns @bench`, `  docker network create ${net}`];
  for (const c of cs) out.push(`  docker run -d --name ${c} --network ${net} ${rng.pick(images)}`);
  out.push(`  expect subnet of network ${net} is 172.18.0.0/16`, `  expect gateway of network ${net} is 172.18.0.1`);
  cs.forEach((c, k) => out.push(`  expect ip of ${c} is 172.18.0.${k + 2}`));
  for (let k = 1; k < cs.length; k++) out.push(`  expect ping ${cs[k]} from ${cs[0]} succeeds`);
  out.push(`  expect resolve ${cs[cs.length - 1]} from ${cs[0]} gives ip of ${cs[cs.length - 1]}`);
  out.push(`  expect resolve nosuch${i} from ${cs[0]} fails`);
  return out;
}

/** The default bridge: addresses in order, reach by IP, no names. */
function defaultBridge(rng, i) {
  const cs = names(rng, 'd', rng.int(2, 4));
  const out = [`scenario "default bridge ${i}: by address, not by name" @bridge @bench`];
  for (const c of cs) out.push(`  docker run -d --name ${c} busybox sleep 3600`);
  cs.forEach((c, k) => out.push(`  expect ip of ${c} is 172.17.0.${k + 2}`, `  expect mac of ${c} is 02:42:ac:11:00:0${k + 2}`));
  out.push(`  expect gateway of ${cs[0]} is 172.17.0.1`);
  out.push(`  expect ping 172.17.0.3 from ${cs[0]} succeeds`, `  expect ping ${cs[1]} from ${cs[0]} fails`, `  expect resolve ${cs[1]} from ${cs[0]} fails`);
  out.push(`  docker exec ${cs[0]} cat /etc/hosts`, `  expect output contains "172.17.0.2"`);
  return out;
}

/** A user subnet and gateway, a fixed --ip, then lowest-free automatic addresses. */
function customSubnet(rng, i) {
  const b = rng.int(1, 250);
  const net = `sub-${i}`;
  const fixed = rng.int(100, 200);
  const [fix, a1, a2] = names(rng, 's', 3);
  return [
    `scenario "custom subnet ${i}: 10.${b}.0.0/24 with a fixed address" @ipam @bench`,
    `  docker network create --driver bridge --subnet 10.${b}.0.0/24 --gateway 10.${b}.0.254 ${net}`,
    `  docker run -d --name ${fix} --net ${net} --ip 10.${b}.0.${fixed} busybox sleep 3600`,
    `  docker run -d --name ${a1} --net ${net} busybox sleep 3600`,
    `  docker run -d --name ${a2} --net ${net} busybox sleep 3600`,
    `  expect subnet of network ${net} is 10.${b}.0.0/24`,
    `  expect gateway of network ${net} is 10.${b}.0.254`,
    `  expect ip of ${fix} is 10.${b}.0.${fixed}`,
    `  expect ip of ${a1} is 10.${b}.0.1`,
    `  expect ip of ${a2} in 10.${b}.0.0/24`,
    `  expect ping ${fix} from ${a1} succeeds`,
    `  expect docker run -d --name dup${i} --net ${net} --ip 10.${b}.0.${fixed} busybox sleep 3600 fails with "Address already in use"`,
    `  expect container dup${i} is created`,
  ];
}

/** Published ports, reached from the host and from another container. */
function ports(rng, i) {
  const port = 18000 + (i % 1000);
  const [web, client] = names(rng, 'p', 2);
  return [
    `scenario "ports ${i}: 80 published on ${port}" @ports @bench`,
    `  docker network create pnet${i}`,
    `  docker run -d --name ${web} --net pnet${i} -p ${port}:80 nginx`,
    `  docker run -d --name ${client} --net pnet${i} busybox sleep 3600`,
    `  expect port 80 of ${web} is published on 0.0.0.0:${port}`,
    `  expect port 443 of ${web} is not published`,
    `  expect http http://127.0.0.1:${port}/ from host returns 200`,
    `  expect http http://${web}/ from ${client} returns 200`,
    `  expect tcp ${web}:80 from ${client} succeeds`,
    `  docker port ${web} 80`,
    `  expect output contains "0.0.0.0:${port}"`,
    `  expect docker run -d --name again${i} -p ${port}:80 nginx fails with "port is already allocated"`,
  ];
}

/** A shared alias answers with every member's address. */
function aliases(rng, i) {
  const alias = `${rng.pick(words)}-alias${i}`;
  const cs = names(rng, 'a', rng.int(2, 4));
  const out = [`scenario "aliases ${i}: ${cs.length} containers share ${alias}" @dns @alias @bench`, `  docker network create anet${i}`];
  for (const c of cs) out.push(`  docker run -d --name ${c} --net anet${i} --net-alias ${alias} busybox sleep 3600`);
  out.push(`  docker run -d --name client${i} --net anet${i} busybox sleep 3600`);
  out.push(`  expect resolve ${alias} from client${i} gives ${cs.map((_, k) => `172.18.0.${k + 2}`).join(', ')}`);
  out.push(`  expect ping ${alias} from client${i} succeeds`);
  return out;
}

/** Two bridges are isolated; every gateway is the host. */
function isolation(rng, i) {
  const [x, y] = names(rng, 'i', 2);
  return [
    `scenario "isolation ${i}: two bridges" @isolation @bench`,
    `  docker network create left${i}`,
    `  docker network create right${i}`,
    `  docker run -d --name ${x} --net left${i} busybox sleep 3600`,
    `  docker run -d --name ${y} --net right${i} busybox sleep 3600`,
    `  let yip = ip of ${y}`,
    `  let gw = gateway of network left${i}`,
    `  expect ping $yip from ${x} fails`,
    `  expect ping ${y} from ${x} fails`,
    `  expect ping $gw from ${y} succeeds`,
    `  expect ping $yip from host succeeds`,
    `  expect subnet of network right${i} is 172.19.0.0/16`,
  ];
}

/** connect/disconnect moves a container between name spaces. */
function connect(rng, i) {
  const [member, mover] = names(rng, 'c', 2);
  return [
    `scenario "connect ${i}: a default-bridge container joins a user network" @connect @bench`,
    `  docker network create cnet${i}`,
    `  docker run -d --name ${member} --net cnet${i} busybox sleep 3600`,
    `  docker run -d --name ${mover} busybox sleep 3600`,
    `  expect ping ${member} from ${mover} fails`,
    `  docker network connect cnet${i} ${mover}`,
    `  expect ip of ${mover} on cnet${i} is 172.18.0.3`,
    `  expect ip of ${mover} on bridge is 172.17.0.2`,
    `  expect ping ${member} from ${mover} succeeds`,
    `  docker network disconnect cnet${i} ${mover}`,
    `  expect ping ${member} from ${mover} fails`,
    `  expect docker network rm cnet${i} fails with "has active endpoints"`,
  ];
}

/** Lifecycle: stop releases the address, start takes the lowest free one. */
function lifecycle(rng, i) {
  const [r1, r2, r3] = names(rng, 'r', 3);
  return [
    `scenario "lifecycle ${i}: addresses are not sticky" @lifecycle @bench`,
    `  docker run -d --name ${r1} busybox sleep 3600`,
    `  docker run -d --name ${r2} busybox sleep 3600`,
    `  docker stop -t 0 ${r1}`,
    `  expect container ${r1} exited with code 137`,
    `  expect ip of ${r1} is none`,
    `  docker run -d --name ${r3} busybox sleep 3600`,
    `  expect ip of ${r3} is 172.17.0.2`,
    `  docker start ${r1}`,
    `  expect container ${r1} is running`,
    `  expect ip of ${r1} is 172.17.0.4`,
    `  docker rm -f ${r2}`,
    `  expect container ${r2} is removed`,
  ];
}

/** A legacy link: a hosts entry in the linking container only. */
function links(rng, i) {
  const [target, client] = names(rng, 'l', 2);
  return [
    `scenario "links ${i}: one-way names" @link @bench`,
    `  docker run -d --name ${target} nginx`,
    `  docker run -d --name ${client} --link ${target}:svc${i} busybox sleep 3600`,
    `  expect resolve svc${i} from ${client} gives ip of ${target}`,
    `  expect ping ${target} from ${client} succeeds`,
    `  expect ping ${client} from ${target} fails`,
  ];
}

export const templates = [userBridge, defaultBridge, customSubnet, ports, aliases, isolation, connect, lifecycle, links];

/** One file's text holding one scenario, with a description comment. */
export function scenarioFile(rng, i) {
  const body = templates[i % templates.length](rng, i);
  return [`# Generated by scripts/bench.mjs (scenario ${i}).`, '', ...body, ''].join('\n');
}
