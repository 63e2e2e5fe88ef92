import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LoginResult, SessionUserView } from './auth.responses';
import { Throttle } from '@nestjs/throttler';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { CurrentUser, Public, SessionUser } from './auth.decorators';
import { bearerToken } from './auth.guard';

class LoginDto {
  @ApiProperty({ example: 'operator' }) @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @ApiProperty({ example: 'hub12345' }) @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOkResponse({ type: LoginResult })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; returns a bearer token that expires' })
  login(@Body() body: LoginDto, @Req() req: Request) {
    return this.auth.login(body.username, body.password, req.ip ?? null);
  }

  @ApiOperation({ summary: 'Log out: the token stops working' })
  @ApiNoContentResponse({ description: 'logged out' })
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() req: Request): Promise<void> {
    const token = bearerToken(req);
    if (token) await this.auth.logout(token);
  }

  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: SessionUserView })
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }
}
