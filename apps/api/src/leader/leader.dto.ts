import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

export class LeaderInstructionDto {
  @ApiProperty({ description: '批示内容' }) @IsString() @MinLength(1, { message: 'text 不能为空：请填写批示内容' }) @MaxLength(4000) text!: string;
}

export class LeaderCaseDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the leader (a user with the leader role); null ends the 包案; a leader may leave it out to take the case',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  leaderId?: number | null;
}
