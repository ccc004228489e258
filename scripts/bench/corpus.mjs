// The parse corpus: files of realistic scenarios (the runnable templates) mixed with the
// forms those do not use — setup lines, descriptions, `\` continuations, quoting, every
// `let` value, regexes with spaces, `within`, `file` heredocs, compose, `skip` — so every
// statement form of docs/language.md is on the parser's path.
import { templates } from './scenarios.mjs';

function extraForms(rng, i) {
  const port = rng.int(1024, 65000);
  const within = rng.pick(['', ' within 500ms', ' within 5s', ' within 1m']);
  return [
    `# A description of scenario ${i}: what it shows,`,
    `# and a second line of it.`,
    `scenario 'every form ${i}' @forms @n${i % 7}`,
    `  docker network create my-bridge-${i}   # a trailing comment`,
    `  docker run -itd --name web${i} --net=my-bridge-${i} --net-alias site${i} \\`,
    `    -p ${port}:80 -p 127.0.0.1:${port + 1}:443/tcp -e "GREETING=$greeting" -e 'RAW=$not_expanded' \\`,
    `    --hostname host${i} --add-host db:10.0.0.${(i % 250) + 1} --dns 8.8.8.8 nginx`,
    `  docker run -d --name cli${i} --net my-bridge-${i} busybox sleep 1d`,
    `  let ip = ip of web${i} on my-bridge-${i}`,
    `  let mac = mac of web${i}`,
    `  let gw = gateway of network my-bridge-${i}`,
    `  let net = subnet of network my-bridge-${i}`,
    `  let hp = host port of web${i} 80/tcp`,
    `  let title = "scenario ${i}"`,
    `  expect ping $ip from cli${i} succeeds${within}`,
    `  expect tcp \${ip}:$hp from host succeeds`,
    `  expect tcp [fd00::${(i % 9) + 1}]:80 from cli${i} fails${within}`,
    `  expect http http://site${i}:80/index.html from cli${i} returns 200`,
    `  expect resolve site${i} from cli${i} gives ip of web${i}, 172.18.0.${(i % 200) + 2}, $ip`,
    `  expect ip of web${i} is not ip of cli${i}`,
    `  expect ip of web${i} on my-bridge-${i} in $net`,
    `  expect ip of web${i} on bridge is none`,
    `  expect mac of web${i} on my-bridge-${i} is $mac`,
    `  expect gateway of web${i} is $gw`,
    `  expect gateway of network bridge is 172.17.0.1`,
    `  expect network my-bridge-${i} exists`,
    `  expect network gone-${i} does not exist${within}`,
    `  expect container web${i} is running`,
    `  expect port 80/tcp of web${i} is published on 0.0.0.0:${port}`,
    `  expect port 53/udp of web${i} is not published`,
    `  docker exec cli${i} cat /etc/hosts`,
    `  let hosts = output`,
    `  expect output contains "127.0.0.1"`,
    `  expect output does not contain 'nginx${i}'`,
    `  expect output matches /^127\\.0\\.0\\.1\\s+localhost$/m`,
    `  docker port web${i}`,
    `  expect output matches /80\\/tcp -> 0\\.0\\.0\\.0:${port}/`,
    `  expect docker run -d --name web${i} nginx fails with "Conflict"`,
    `  expect error contains "already in use"`,
    `  expect docker network inspect -f '{{.Name}} {{json .IPAM.Config}}' my-bridge-${i} succeeds`,
    `  expect file /etc/hostname of web${i} contains "host${i}"`,
    `  expect file /etc/resolv.conf of cli${i} does not contain "8.8.8.8"${within}`,
    `  file compose-${i}.yml <<EOF`,
    `    version: "3"`,
    `    services:`,
    `      app:`,
    `        image: nginx   # raw text, $NO_EXPANSION`,
    `        ports: ["${port + 2}:80"]`,
    `  EOF`,
    `  docker-compose -f compose-${i}.yml -p proj${i} up -d --scale app=2`,
    `  docker compose -f compose-${i}.yml -p proj${i}v2 up -d`,
    `  expect docker-compose -p proj${i} ps succeeds`,
    `  docker stop -t 0 web${i}`,
    `  expect container web${i} exited with code 137`,
    ...(rng.chance(0.2) ? [`  skip "needs a second host (${i})"`] : []),
    '',
  ];
}

/** One corpus file of about `bytes` characters. */
export function corpusFile(rng, index, bytes) {
  const lines = [`# Parse corpus file ${index}.`, `docker network create shared-${index}   # setup`, `let greeting = "hello world"`, ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const n = index * 100_000 + i;
    const part = i % 4 === 3 ? extraForms(rng, n) : [...templates[rng.int(0, templates.length - 1)](rng, n), ''];
    for (const line of part) size += line.length + 1;
    lines.push(...part);
  }
  return lines.join('\n');
}
