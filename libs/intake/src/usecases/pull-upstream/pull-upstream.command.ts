import { IsOptional, IsString } from 'class-validator';

/** Pull one upstream platform (its code in upstreams.yaml), or all of them. */
export class PullUpstreamCommand {
  @IsOptional() @IsString() upstream?: string;
}
