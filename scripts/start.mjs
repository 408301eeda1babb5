// `npm start`: serve the course with Vite and say where to open it.
import { createServer } from "vite";

const server = await createServer({ server: { host: "localhost" } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`;
console.log(`\n  GPT Dojo is running at ${url}\n  Open it in Chrome, Edge or Firefox. Stop with Ctrl+C.\n`);
